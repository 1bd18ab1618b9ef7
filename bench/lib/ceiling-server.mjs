// The ceiling of the HTTP benchmark: a bare Node server answering, from memory, the exact
// bytes the app answered. Run as its own process, like `next start`, so that both compete
// with the load generator in the same way. Usage: node ceiling-server.mjs <responses.json>
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

const responses = JSON.parse(readFileSync(process.argv[2], "utf8"));
const byPath = new Map(
  Object.entries(responses).map(([path, { contentType, body }]) => [
    path,
    { headers: { "content-type": contentType, "content-length": Buffer.byteLength(body) }, body },
  ]),
);

const server = createServer((req, res) => {
  const response = byPath.get(req.url);
  if (!response) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, response.headers).end(response.body);
});

server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
