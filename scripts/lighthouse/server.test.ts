import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os, { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, isBuildStale, startNodeServer } from "./server";
import { requestHeaders, warmUp } from "./warm-up";

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A server answering 404 on /missing, counting requests to pages other than / (the start probe). */
const SERVER = `
let hits = 0;
require("node:http").createServer((req, res) => {
  if (req.url === "/missing") { res.statusCode = 404; return res.end(); }
  if (req.url === "/count") return res.end(String(hits));
  if (req.url !== "/") hits++;
  res.end(req.headers["x-vercel-protection-bypass"] ?? "ok");
}).listen(Number(process.env.PORT), "127.0.0.1");
`;

describe("build freshness", () => {
  function project(): string {
    const root = mkdtempSync(path.join(tmpdir(), "lighthouse-build-"));
    dirs.push(root);
    mkdirSync(path.join(root, "src/pages"), { recursive: true });
    writeFileSync(path.join(root, "src/pages/index.tsx"), "export default 1;");
    return root;
  }
  const at = (file: string, seconds: number) => utimesSync(file, seconds, seconds);

  it("is stale without a build, or when a source file is newer than it, and fresh otherwise", () => {
    const root = project();
    expect(isBuildStale(root)).toBe(true);
    mkdirSync(path.join(root, ".next"));
    const buildId = path.join(root, ".next/BUILD_ID");
    writeFileSync(buildId, "x");
    const page = path.join(root, "src/pages/index.tsx");
    at(path.join(root, "src/pages"), 1_000);
    at(path.join(root, "src"), 1_000);
    at(page, 1_000);
    at(buildId, 2_000);
    expect(isBuildStale(root)).toBe(false);
    at(page, 3_000);
    expect(isBuildStale(root)).toBe(true);
  });
});

describe("server and warm-up", () => {
  it("starts a server, warms every URL, rejects a page that is not 200, and stops it", async () => {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const server = await startNodeServer(["-e", SERVER], origin, { ...process.env, PORT: String(port) });
    try {
      await warmUp([`${origin}/posts/1`, `${origin}/users/1`], {}, 2);
      expect(await (await fetch(`${origin}/count`)).text()).toBe("4");
      await expect(warmUp([`${origin}/missing`], {}, 1)).rejects.toThrow(`${origin}/missing answered 404`);
    } finally {
      await server.stop();
    }
    await expect(fetch(origin)).rejects.toThrow();
  });

  it("runs a server at the lowest CPU priority when asked, where the system has nice", async () => {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const server = await startNodeServer(
      ["-e", SERVER],
      origin,
      { ...process.env, PORT: String(port) },
      {
        lowPriority: true,
      },
    );
    try {
      const niceAvailable = ["/usr/bin/nice", "/bin/nice"].some((candidate) => existsSync(candidate));
      expect(os.getPriority(server.pid)).toBe(niceAvailable ? 19 : os.getPriority());
      expect(await (await fetch(`${origin}/count`)).text()).toBe("0");
    } finally {
      await server.stop();
    }
  });

  it("reports a server that exits before answering", async () => {
    const origin = `http://127.0.0.1:${await freePort()}`;
    await expect(startNodeServer(["-e", "process.exit(3)"], origin)).rejects.toThrow("exited with code 3");
  });

  it("sends Vercel's protection bypass only when a secret is set", () => {
    expect(requestHeaders({})).toEqual({});
    expect(requestHeaders({ VERCEL_AUTOMATION_BYPASS_SECRET: "s3cret" })).toEqual({
      "x-vercel-protection-bypass": "s3cret",
    });
  });
});
