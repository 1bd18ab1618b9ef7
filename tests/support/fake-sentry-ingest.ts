import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";

// Stands in for Sentry's ingest: accepts envelopes at /api/<project>/envelope/ as sentry.io
// does and keeps them, parsed, for tests to inspect.

export interface EnvelopeItem {
  type: string;
  payload: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- SDK payloads
}

interface Envelope {
  url: string;
  header: Record<string, unknown>;
  items: EnvelopeItem[];
  raw: string;
}

export interface FakeSentryIngest {
  dsn: string;
  envelopes: Envelope[];
  /** Resolves with the first item (already received or still to come) that matches. */
  waitForItem(match: (item: EnvelopeItem, envelope: Envelope) => boolean, timeoutMs?: number): Promise<EnvelopeItem>;
  close(): Promise<void>;
}

function parseEnvelope(url: string, body: string): Envelope {
  const [headerLine = "{}", ...rest] = body.split("\n");
  const items: EnvelopeItem[] = [];
  for (let i = 0; i + 1 < rest.length; i += 2) {
    const itemHeader = JSON.parse(rest[i] as string) as { type: string };
    items.push({ type: itemHeader.type, payload: JSON.parse(rest[i + 1] as string) });
  }
  return { url, header: JSON.parse(headerLine), items, raw: body };
}

export async function startFakeSentryIngest(projectId = "42"): Promise<FakeSentryIngest> {
  const envelopes: Envelope[] = [];
  const listeners = new Set<() => void>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      let body = Buffer.concat(chunks);
      if (req.headers["content-encoding"] === "gzip") body = gunzipSync(body);
      if (req.method === "POST" && req.url?.startsWith(`/api/${projectId}/envelope/`)) {
        envelopes.push(parseEnvelope(req.url, body.toString("utf8").trim()));
        for (const listener of listeners) listener();
      }
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const findItem = (match: (item: EnvelopeItem, envelope: Envelope) => boolean) => {
    for (const envelope of envelopes) {
      const item = envelope.items.find((candidate) => match(candidate, envelope));
      if (item) return item;
    }
    return undefined;
  };

  return {
    dsn: `http://e2epublickey@127.0.0.1:${port}/${projectId}`,
    envelopes,
    waitForItem(match, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const item = findItem(match);
          if (!item) return;
          cleanup();
          resolve(item);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`No matching envelope item within ${timeoutMs} ms; received ${envelopes.length} envelopes`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
