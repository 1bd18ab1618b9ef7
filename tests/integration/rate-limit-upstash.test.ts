import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { parseEnv } from "@/lib/env";
import { createAppRateLimiter, createRateLimiter, RATE_LIMITS } from "@/lib/rate-limit";
import { createUpstashRateLimitStore } from "@/lib/rate-limit-store";
import { startUpstashRedisProxy, type UpstashRedisProxy } from "../../scripts/upstash-redis-proxy";
import { expectLog } from "#tests/logs";
import { deadPort, silentServer } from "#tests/network";
import { checkRedis, deleteKeys, REDIS_URL } from "#tests/redis";

// @upstash/ratelimit, as production runs it, through the REST translator to a real Redis. Its
// scripts start with `#!lua flags=allow-key-locking`, which open-source Redis refuses: without
// the translator's strip, every check below would fail open and no request would be refused.
const redisCheck = await checkRedis();

describe.skipIf(!redisCheck.available)(`rate limits on the cache's Upstash store ${redisCheck.skipReason}`, () => {
  const namespace = `test-limits-${randomBytes(6).toString("hex")}`;
  const token = randomBytes(16).toString("hex");
  let proxy: UpstashRedisProxy;
  let redis: Redis;
  // One limiter per serverless instance, all on the same store; a long timeout so a busy
  // machine's slow answer is not taken for an outage.
  const instance = (environment = "production") =>
    createAppRateLimiter(
      parseEnv({
        UPSTASH_REDIS_REST_URL: proxy.url,
        UPSTASH_REDIS_REST_TOKEN: token,
        CACHE_NAMESPACE: namespace,
        CACHE_TIMEOUT_MS: "5000",
        VERCEL_ENV: environment,
        NODE_ENV: "production",
      }),
    );

  beforeAll(async () => {
    proxy = await startUpstashRedisProxy({ token, redisUrl: REDIS_URL });
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    await deleteKeys(redis, `${namespace}:*`);
    redis.disconnect();
    await proxy.close();
  });
  // The windows are aligned on the clock: a test crossing a window's edge would see its count
  // restart. The clock stands still inside each test (timers stay real).
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.UTC(2026, 11, 6, 12, 0, 1) });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("shares one account's count between instances and refuses the one over the limit", async () => {
    const [first, second] = [instance(), instance()];
    const { limit, windowSeconds } = RATE_LIMITS.signInAccount;
    for (let i = 0; i < limit; i++) {
      const result = await (i % 2 === 0 ? first : second).check("signInAccount", "ada@example.test");
      expect(result, `attempt ${i + 1}`).toEqual({ allowed: true, retryAfterSeconds: 0 });
    }
    // 12:00:01: the minute's window ends in 59 s.
    await expect(second.check("signInAccount", "ada@example.test")).resolves.toEqual({
      allowed: false,
      retryAfterSeconds: windowSeconds - 1,
    });
    await expect(first.check("signInAccount", "grace@example.test")).resolves.toMatchObject({ allowed: true });
  });

  it("keeps its counters under the environment's namespace, apart from a preview's", async () => {
    const production = instance();
    for (let i = 0; i <= RATE_LIMITS.signUpIp.limit; i++) await production.check("signUpIp", "10.1.0.1");
    await expect(production.check("signUpIp", "10.1.0.1")).resolves.toMatchObject({ allowed: false });
    await expect(instance("preview").check("signUpIp", "10.1.0.1")).resolves.toMatchObject({ allowed: true });

    const keys = await redis.keys(`${namespace}:*10.1.0.1*`);
    expect(keys.some((key) => key.startsWith(`${namespace}:production:rate-limit:signUpIp:10.1.0.1:`))).toBe(true);
    expect(keys.some((key) => key.startsWith(`${namespace}:preview:rate-limit:signUpIp:10.1.0.1:`))).toBe(true);
    for (const key of keys) expect(await redis.pttl(key)).toBeGreaterThan(0); // counters expire with their window
  });

  it("counts any rule it is given (better-auth's own) in the same store", async () => {
    const limiter = instance();
    const rule = { limit: 2, windowSeconds: 10 };
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await limiter.consume(rule, "auth:10.1.0.2|/request-password-reset"));
    expect(results.map((r) => r.allowed)).toEqual([true, true, false]);
    expect(await redis.keys(`${namespace}:production:rate-limit:auth:10.1.0.2*`)).toHaveLength(1);
  });
});

// A store that fails must never refuse a request nor answer 500: the limit is skipped, and said.
describe.each([
  ["refuses connections", async () => ({ port: await deadPort(), close: async () => {} })],
  ["accepts connections and never answers", silentServer],
])("when the rate-limit store %s", (_, startStore) => {
  let store: Awaited<ReturnType<typeof startStore>>;
  beforeAll(async () => {
    store = await startStore();
  });
  afterAll(() => store.close());

  it("allows every request and logs a warning", async () => {
    expectLog("warn", /^rate limit store failed; request allowed$/);
    const url = `http://127.0.0.1:${store.port}`;
    const limiter = createRateLimiter({
      store: createUpstashRateLimitStore({ url, token: "unused", timeoutMs: 50, prefix: "down" }),
      timeoutMs: 50,
    });
    for (let i = 0; i <= RATE_LIMITS.signInAccount.limit + 1; i++) {
      await expect(limiter.check("signInAccount", "ada@example.test")).resolves.toEqual({
        allowed: true,
        retryAfterSeconds: 0,
      });
    }
  });
});
