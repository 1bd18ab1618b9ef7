import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { createCache, createMemoryStore, createUpstashStore } from "@/lib/redis";
import { createServices } from "@/server/services";
import { parseSetFlagArgs, setFlag } from "../../scripts/config/set-flag";
import { deploymentEnv } from "../../scripts/operator-cache";
import { startUpstashRedisProxy, type UpstashRedisProxy } from "../../scripts/upstash-redis-proxy";
import { checkRedis, deleteKeys, REDIS_URL } from "#tests/redis";
import { runSql } from "#tests/schema-snapshot";
import { setupTestDatabase } from "#tests/test-database";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const tsx = path.join(root, "node_modules/.bin/tsx");
const redisCheck = await checkRedis();
const t = setupTestDatabase();

describe("parseSetFlagArgs", () => {
  it("reads a name, on or off, and the optional description and environment", () => {
    expect(parseSetFlagArgs(["live-search", "off"])).toEqual({ key: "live-search", enabled: false });
    expect(parseSetFlagArgs(["beta", "on", "--description", "Beta", "--environment", "preview"])).toEqual({
      key: "beta",
      enabled: true,
      description: "Beta",
      environment: "preview",
    });
  });

  it.each([[[]], [["beta"]], [["beta", "yes"]], [["beta", "on", "extra"]], [["beta", "on", "--force"]]])(
    "refuses %j with the usage",
    (argv) => {
      expect(() => parseSetFlagArgs(argv)).toThrow(/usage|Unknown option/);
    },
  );
});

describe("flags:set reaches every instance through the shared store", () => {
  it("a running instance reads the new value on its next request; an UPDATE in SQL would not", async () => {
    const store = createMemoryStore(); // what every instance shares (Upstash in production)
    const production = parseEnv({ VERCEL_ENV: "production" });
    const instance = createServices(t.db, createCache(production, store)).config;
    await setFlag(t.db, createCache(production, store), { key: "kill-switch", enabled: true, description: "Kill" });
    await expect(instance.isEnabled("kill-switch")).resolves.toBe(true);

    await runSql(t.url, "UPDATE feature_flags SET enabled = false WHERE key = 'kill-switch'");
    await expect(instance.isEnabled("kill-switch")).resolves.toBe(true); // cached for 24 h

    const operator = createCache(deploymentEnv({ environment: "production" }, {}), store);
    await setFlag(t.db, operator, { key: "kill-switch", enabled: false });
    await expect(instance.isEnabled("kill-switch")).resolves.toBe(false);
    const [flag] = await t.db.featureFlag.findMany({ where: { key: "kill-switch" }, select: { description: true } });
    expect(flag?.description).toBe("Kill"); // kept when none is given
  });

  describe.skipIf(!redisCheck.available)(
    `as a command, on Redis through Upstash's REST API ${redisCheck.skipReason}`,
    () => {
      const namespace = `test-flags-${randomBytes(4).toString("hex")}`;
      const token = randomBytes(16).toString("hex");
      let proxy: UpstashRedisProxy;

      beforeAll(async () => {
        proxy = await startUpstashRedisProxy({ token, redisUrl: REDIS_URL });
      });
      afterAll(async () => {
        const redis = new Redis(REDIS_URL);
        await deleteKeys(redis, `${namespace}:*`);
        redis.disconnect();
        await proxy.close();
      });

      it("`npm run flags:set -- name on|off` switches the flag for an instance holding it in cache", async () => {
        const shared = {
          UPSTASH_REDIS_REST_URL: proxy.url,
          UPSTASH_REDIS_REST_TOKEN: token,
          CACHE_NAMESPACE: namespace,
          // As the store's own timeout below: on a busy test machine a read slower than the
          // default 150 ms would be served from the database, with a warning, and prove nothing.
          CACHE_TIMEOUT_MS: "5000",
        };
        const store = createUpstashStore({ url: proxy.url, token, timeoutMs: 5_000 });
        const instance = createServices(
          t.db,
          createCache(parseEnv({ ...shared, VERCEL_ENV: "preview" }), store),
        ).config;
        await expect(instance.isEnabled("dark-launch")).resolves.toBe(false); // now cached

        const cli = (...args: string[]) =>
          run(tsx, ["scripts/config/set-flag.ts", ...args], {
            cwd: root,
            env: { ...process.env, ...shared, DATABASE_URL: t.url, VERCEL_ENV: "", LOG_LEVEL: "info" },
            timeout: 60_000,
          });
        await expect(cli("dark-launch", "on")).rejects.toMatchObject({
          stdout: expect.stringContaining("--environment"),
        });
        const { stdout } = await cli("dark-launch", "on", "--environment", "preview");
        expect(stdout).toContain('"msg":"flag set"');
        await expect(instance.isEnabled("dark-launch")).resolves.toBe(true);
      });
    },
  );
});
