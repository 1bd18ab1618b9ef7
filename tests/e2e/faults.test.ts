import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createRequire } from "node:module";
import path from "node:path";
import autocannon from "autocannon";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmbeddedPostgres } from "../../scripts/db/embedded";
import { startProductionServer, type ProductionServer } from "#tests/production-server";
import { checkRedis, deleteKeys, REDIS_URL } from "#tests/redis";
import { startSeededDatabase } from "#tests/seeded-database";
import { startTcpProxy, type TcpProxy } from "#tests/tcp-proxy";
import { deadPort } from "#tests/network";

// Faults on a running production build, through real connections: the database goes away and
// comes back, and the cache store dies in the middle of a load.

const ROOT = path.resolve(import.meta.dirname, "../..");
let database: EmbeddedPostgres;

beforeAll(async () => {
  database = await startSeededDatabase();
});

afterAll(async () => {
  await database?.stop();
});

async function get(server: ProductionServer, path: string) {
  const response = await fetch(`${server.url}${path}`);
  return { status: response.status, body: await response.json() };
}

describe("the database goes away and comes back", () => {
  let proxy: TcpProxy;
  let server: ProductionServer;

  beforeAll(async () => {
    proxy = await startTcpProxy({ port: database.port });
    const url = new URL(database.url);
    url.port = String(proxy.port);
    server = await startProductionServer({ DATABASE_URL: url.toString() });
  });

  afterAll(async () => {
    await server?.stop();
    await proxy?.close();
  });

  it("reads answer 503 with the error body and health 503, then 200 again without a restart", async () => {
    expect((await get(server, "/api/posts/1")).status).toBe(200);
    expect((await get(server, "/api/health")).status).toBe(200);

    await proxy.cut();
    // Paths not read before, so no cached answer stands in for the database.
    for (const path of ["/api/posts/2", "/api/users/2", "/api/posts?page=2", "/api/search?q=Redis"]) {
      expect(await get(server, path), path).toEqual({
        status: 503,
        body: {
          error: { code: "UNAVAILABLE", message: expect.any(String), details: { dependency: "database" } },
        },
      });
    }
    const down = await get(server, "/api/health");
    expect(down).toMatchObject({ status: 503, body: { status: "down", checks: { database: { status: "failing" } } } });

    await proxy.restore();
    expect(await get(server, "/api/health")).toMatchObject({ status: 200, body: { status: "ok" } });
    for (const path of ["/api/posts/2", "/api/users/2", "/api/posts?page=2", "/api/search?q=Redis"]) {
      expect((await get(server, path)).status, path).toBe(200);
    }
  });
});

const redis = await checkRedis();

describe.skipIf(!redis.available)(`the cache store dies under load ${redis.skipReason}`, () => {
  const namespace = `e2e-faults-${randomBytes(4).toString("hex")}`;
  const token = randomBytes(16).toString("hex");
  let translator: ChildProcess;
  let server: ProductionServer;
  let client: Redis;

  beforeAll(async () => {
    client = new Redis(REDIS_URL);
    const port = await deadPort();
    // The translator alone in a process (no tsx wrapper), so a SIGKILL ends it at once.
    const tsx = createRequire(import.meta.url).resolve("tsx");
    translator = spawn(
      process.execPath,
      ["--import", tsx, "scripts/upstash-redis-proxy.ts", "--port", String(port), "--token", token],
      { cwd: ROOT, env: { ...process.env, REDIS_URL, LOG_LEVEL: "info" }, stdio: ["ignore", "pipe", "inherit"] },
    );
    let output = "";
    await new Promise<void>((resolve, reject) => {
      translator.stdout?.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("Upstash REST translator ready")) resolve();
      });
      translator.once("exit", (code) => reject(new Error(`the translator exited with ${code}:\n${output}`)));
    });
    server = await startProductionServer({
      DATABASE_URL: database.url,
      UPSTASH_REDIS_REST_URL: `http://127.0.0.1:${port}`,
      UPSTASH_REDIS_REST_TOKEN: token,
      CACHE_NAMESPACE: namespace,
    });
  });

  afterAll(async () => {
    await server?.stop();
    if (translator && translator.exitCode === null && translator.signalCode === null) {
      translator.kill("SIGKILL");
      await once(translator, "exit");
    }
    if (client) {
      await deleteKeys(client, `${namespace}:*`);
      client.disconnect();
    }
  });

  it("serves the feed API and page without a single failed request while the translator is killed", async () => {
    const health = await get(server, "/api/health");
    expect(health.body.checks.cache).toMatchObject({ status: "ok" });

    const amount = 400;
    const killAt = 100;
    let responses = 0;
    let killed: Promise<unknown> | undefined;
    const load = autocannon({
      url: server.url,
      connections: 4,
      amount,
      requests: [{ path: "/api/posts" }, { path: "/" }, { path: "/api/posts?page=2" }],
    });
    load.on("response", () => {
      responses += 1;
      if (responses === killAt) {
        killed = once(translator, "exit");
        translator.kill("SIGKILL");
      }
    });
    const result = await load;
    await killed;

    expect(translator.signalCode).toBe("SIGKILL");
    // The app read and wrote through the translator before it died...
    expect((await client.keys(`${namespace}:*`)).length).toBeGreaterThan(0);
    // ...and not one request failed after: the cache is only ever an optimisation.
    expect({ "2xx": result["2xx"], non2xx: result.non2xx, errors: result.errors }).toEqual({
      "2xx": amount,
      non2xx: 0,
      errors: 0,
    });
    expect(responses).toBe(amount);
    const degraded = await get(server, "/api/health");
    expect(degraded).toMatchObject({ status: 200, body: { checks: { cache: { status: "failing" } } } });
  });
});
