import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Redis } from "ioredis";
import { defineCommand, parseCommand, runMain, wholeNumber } from "./cli";

// Speaks the part of Upstash's REST protocol that @upstash/redis uses, and forwards each
// command to a real Redis, so the production client runs against a local Redis in development
// and tests: POST / (one command), /pipeline and /multi-exec (lists of commands), bearer token,
// base64 results when the client sends `Upstash-Encoding: base64`, errors as { error }.

type Command = (string | number | boolean)[];
type Reply = Buffer | number | null | Reply[];
type Outcome = { result: unknown } | { error: string };

export interface UpstashRedisProxyOptions {
  /** Redis to forward to; defaults to REDIS_URL or redis://127.0.0.1:6379. */
  redisUrl?: string;
  token: string;
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
}

export interface UpstashRedisProxy {
  /** What to give @upstash/redis as `url`. */
  url: string;
  token: string;
  close(): Promise<void>;
}

// @upstash/ratelimit marks its scripts `#!lua flags=allow-key-locking`, an Upstash extension
// that open-source Redis rejects; the flag line is stripped, and EVALSHA of the original
// script's hash is mapped to the stripped one.
const SCRIPT_FLAGS = /^#!lua flags=[^\n]*\n/;
const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

function encode(reply: Reply, base64: boolean): unknown {
  if (Array.isArray(reply)) return reply.map((item) => encode(item, base64));
  if (Buffer.isBuffer(reply)) return reply.toString(base64 ? "base64" : "utf8");
  return reply;
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header ?? "");
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

function isCommand(value: unknown): value is Command {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((arg) => ["string", "number", "boolean"].includes(typeof arg))
  );
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify(body));
}

export async function startUpstashRedisProxy(options: UpstashRedisProxyOptions): Promise<UpstashRedisProxy> {
  const redis = new Redis(options.redisUrl ?? process.env.REDIS_URL ?? "redis://127.0.0.1:6379", {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
  });
  // A lost connection fails the commands in flight, which answer { error }; without a
  // listener ioredis would also print every reconnect failure as an unhandled error.
  redis.on("error", () => {});
  const strippedScripts = new Map<string, string>();

  const prepare = (command: Command): [string, ...string[]] => {
    const [name, ...args] = command.map(String) as [string, ...string[]];
    const upper = name.toUpperCase();
    const scriptAt = upper === "EVAL" || upper === "EVAL_RO" ? 0 : upper === "SCRIPT" ? 1 : -1;
    const script = args[scriptAt];
    if (script !== undefined && SCRIPT_FLAGS.test(script)) {
      const stripped = script.replace(SCRIPT_FLAGS, "");
      strippedScripts.set(sha1(script), sha1(stripped));
      args[scriptAt] = stripped;
    }
    if ((upper === "EVALSHA" || upper === "EVALSHA_RO") && args[0]) args[0] = strippedScripts.get(args[0]) ?? args[0];
    // Upper case on purpose: ioredis reshapes some replies (HGETALL into an object…) by the
    // lower-case name only, and the client expects Redis's own reply shapes.
    return [upper, ...args];
  };

  const run = async (command: Command, base64: boolean): Promise<Outcome> => {
    try {
      const [name, ...args] = prepare(command);
      return { result: encode((await redis.callBuffer(name, ...args)) as Reply, base64) };
    } catch (error) {
      return { error: (error as Error).message };
    }
  };

  const runTransaction = async (commands: Command[], base64: boolean): Promise<Outcome[]> => {
    const transaction = redis.multi();
    for (const command of commands) transaction.callBuffer(...prepare(command));
    const results = (await transaction.exec()) ?? [];
    return results.map(([error, reply]) =>
      error ? { error: error.message } : { result: encode(reply as Reply, base64) },
    );
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!tokenMatches(req.headers.authorization, options.token)) return send(res, 401, { error: "Unauthorized" });
    if (req.method !== "POST") return send(res, 405, { error: "Only POST is supported" });
    const base64 = String(req.headers["upstash-encoding"]).toLowerCase() === "base64";
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const body = await readJson(req).catch(() => undefined);

    if (path === "/") {
      if (!isCommand(body)) return send(res, 400, { error: "ERR the body must be a JSON array of a command" });
      const outcome = await run(body, base64);
      return send(res, "error" in outcome ? 400 : 200, outcome);
    }
    if (path === "/pipeline" || path === "/multi-exec") {
      if (!Array.isArray(body) || body.length === 0 || !body.every(isCommand)) {
        return send(res, 400, { error: "ERR the body must be a JSON array of commands" });
      }
      // One connection runs them in order; a pipeline is not atomic, so each reports on its own.
      const outcomes =
        path === "/pipeline"
          ? await Promise.all(body.map((command) => run(command, base64)))
          : await runTransaction(body, base64);
      return send(res, 200, outcomes);
    }
    send(res, 404, { error: `Unknown path ${path}` });
  };

  await redis.connect().catch((error: unknown) => {
    redis.disconnect(); // no reconnecting in the background of a failed start
    throw error;
  });
  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => send(res, 500, { error: `ERR ${error.message}` }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${address}:${port}`,
    token: options.token,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => redis.disconnect());
      return closing;
    },
  };
}

export const upstashRedisProxyCommand = defineCommand({
  usage: "npm run dev:redis -- [--port N] [--token TOKEN] [--redis-url URL]",
  description: "Serves Upstash's REST protocol on 127.0.0.1 and forwards each command to a real Redis.",
  flags: {
    port: {
      type: "string",
      placeholder: "N",
      description: "port to listen on (default UPSTASH_PROXY_PORT or 8079; 0 picks one)",
    },
    token: {
      type: "string",
      placeholder: "TOKEN",
      description: "bearer token to require (default UPSTASH_PROXY_TOKEN)",
    },
    "redis-url": {
      type: "string",
      placeholder: "URL",
      description: "Redis to forward to (default REDIS_URL or local)",
    },
  },
});

export function parseUpstashRedisProxyArgs(argv: readonly string[]): UpstashRedisProxyOptions {
  const { values } = parseCommand(upstashRedisProxyCommand, argv);
  return {
    port: wholeNumber("port", values.port ?? process.env.UPSTASH_PROXY_PORT, 0, 65_535) ?? 8079,
    token: values.token ?? process.env.UPSTASH_PROXY_TOKEN ?? "local-development-token",
    ...(values["redis-url"] ? { redisUrl: values["redis-url"] } : {}),
  };
}

async function main(options: UpstashRedisProxyOptions): Promise<void> {
  const { logger } = await import("../src/lib/logger");
  const proxy = await startUpstashRedisProxy(options);
  logger.info(
    { UPSTASH_REDIS_REST_URL: proxy.url, UPSTASH_REDIS_REST_TOKEN: proxy.token },
    "Upstash REST translator ready: set these two variables and start the app",
  );
  const stop = () => void proxy.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

runMain(import.meta.url, {
  spec: upstashRedisProxyCommand,
  options: parseUpstashRedisProxyArgs,
  main,
  onError: async (error) => {
    const { logger } = await import("../src/lib/logger");
    logger.fatal({ err: error }, "the Upstash REST translator could not start");
    process.exit(1);
  },
});
