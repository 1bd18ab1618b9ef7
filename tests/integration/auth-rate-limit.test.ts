import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createAuth } from "@/lib/auth/auth";
import { authEmails } from "@/lib/auth/auth-emails";
import { parseEnv } from "@/lib/env";
import {
  createAppRateLimiter,
  createMemoryRateLimiter,
  createRateLimiter,
  RATE_LIMITS,
  type RateLimiter,
} from "@/lib/rate-limit";
import { createUpstashRateLimitStore } from "@/lib/rate-limit-store";
import { startUpstashRedisProxy, type UpstashRedisProxy } from "../../scripts/upstash-redis-proxy";
import { capturedLogs, expectLog } from "#tests/logs";
import { deadPort } from "#tests/network";
import { checkRedis, deleteKeys, REDIS_URL } from "#tests/redis";
import { setupTestInbox } from "#tests/smtp";
import { setupTestDatabase } from "#tests/test-database";

// better-auth's limiter (per IP, before any endpoint runs) and ours per account, through
// better-auth's HTTP handler as /api/auth/* serves it, counted in process or on Upstash.
const t = setupTestDatabase();
setupTestInbox(); // sign-ups send a verification email
const redisCheck = await checkRedis();

// Upstash's fixed windows are aligned on the clock: a test crossing a window's edge would see its
// count restart. The clock stands still inside each test (timers stay real).
const frozenClock = () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.UTC(2026, 11, 6, 12, 0, 1) });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
};

const ORIGIN = "http://localhost:3000";
const PASSWORD = "correct horse battery";

function post(auth: ReturnType<typeof createAuth>, path: string, body: object, ip: string) {
  return auth.handler(
    new Request(`${ORIGIN}/api/auth${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN, "x-forwarded-for": ip },
      body: JSON.stringify(body),
    }),
  );
}

/** better-auth logs a warning (through the app's logger) at each wrong password: those, and no other, are expected. */
function expectInvalidPasswordWarnings(count: number) {
  expectLog("warn", /Invalid password/);
  expect(capturedLogs().filter((line) => line.level === "warn" && /Invalid password/.test(line.msg))).toHaveLength(
    count,
  );
}

const upstash = { proxy: undefined as UpstashRedisProxy | undefined, redis: undefined as Redis | undefined };
const namespace = `test-auth-limits-${randomBytes(6).toString("hex")}`;
if (redisCheck.available) {
  beforeAll(async () => {
    upstash.proxy = await startUpstashRedisProxy({ token: "auth-limits", redisUrl: REDIS_URL });
    upstash.redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    await deleteKeys(upstash.redis!, `${namespace}:*`);
    upstash.redis!.disconnect();
    await upstash.proxy!.close();
  });
}

const onUpstash = () =>
  createAppRateLimiter(
    parseEnv({
      UPSTASH_REDIS_REST_URL: upstash.proxy!.url,
      UPSTASH_REDIS_REST_TOKEN: "auth-limits",
      CACHE_NAMESPACE: namespace,
      CACHE_TIMEOUT_MS: "5000",
    }),
  );

describe.each([
  { store: "in process", subnet: 1, limiter: () => createMemoryRateLimiter(), skip: "" },
  { store: "on Upstash", subnet: 2, limiter: onUpstash, skip: redisCheck.available ? "" : redisCheck.skipReason },
])("account rate limits $store $skip", ({ subnet, limiter, skip }) => {
  let auth: ReturnType<typeof createAuth>;
  let rateLimiter: RateLimiter;
  const email = (name: string) => `${name}-${subnet}@example.test`;
  const ip = (n: number) => `10.2.${subnet}.${n}`;
  frozenClock();

  beforeAll(async () => {
    if (skip) return;
    rateLimiter = limiter();
    auth = createAuth({ db: t.db, emails: authEmails(), rateLimiter });
    // Server-side calls are the app's own: no limit applies to them.
    for (const name of ["ada", "grace"]) {
      await auth.api.signUpEmail({ body: { email: email(name), password: PASSWORD, name } });
    }
  });

  it.skipIf(skip)(
    "the 6th wrong password for one account is 429 with Retry-After; another account still may",
    async () => {
      const { limit, windowSeconds } = RATE_LIMITS.signInAccount;
      // From a different IP each time: the count is the account's.
      for (let i = 1; i <= limit; i++) {
        const res = await post(auth, "/sign-in/email", { email: email("ada"), password: "wrong password" }, ip(i));
        expect(res.status, `attempt ${i}`).toBe(401);
      }
      const refused = await post(
        auth,
        "/sign-in/email",
        { email: email("ADA").toUpperCase(), password: PASSWORD },
        ip(9),
      );
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers.get("Retry-After"));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
      await expect(refused.json()).resolves.toMatchObject({ code: "TOO_MANY_SIGN_IN_ATTEMPTS" });

      const other = await post(auth, "/sign-in/email", { email: email("grace"), password: PASSWORD }, ip(9));
      expect(other.status).toBe(200);
      expectInvalidPasswordWarnings(limit);
    },
  );

  it.skipIf(skip)("the 6th sign-up from one IP is 429 with Retry-After; another IP still may", async () => {
    const { limit, windowSeconds } = RATE_LIMITS.signUpIp;
    const signUp = (name: string, from: string) =>
      post(auth, "/sign-up/email", { email: email(name), password: PASSWORD, name }, from);
    for (let i = 1; i <= limit; i++) expect((await signUp(`new${i}`, ip(20))).status, `sign-up ${i}`).toBe(200);
    const refused = await signUp("new6", ip(20));
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
    expect((await signUp("new6", ip(21))).status).toBe(200);
    if (rateLimiter.kind === "upstash") {
      // better-auth counted in the shared store, under the environment's namespace.
      const keys = await upstash.redis!.keys(`${namespace}:development:rate-limit:auth:${ip(20)}|/sign-up/email:*`);
      expect(keys).toHaveLength(1);
    }
  });
});

describe("account rate limits when the store is down", () => {
  let auth: ReturnType<typeof createAuth>;
  beforeAll(async () => {
    const url = `http://127.0.0.1:${await deadPort()}`;
    const store = createUpstashRateLimitStore({ url, token: "unused", timeoutMs: 50, prefix: "down" });
    auth = createAuth({ db: t.db, emails: authEmails(), rateLimiter: createRateLimiter({ store, timeoutMs: 50 }) });
    await auth.api.signUpEmail({ body: { email: "down@example.test", password: PASSWORD, name: "Down" } });
  });

  it("lets every attempt through to the password check, with a warning", async () => {
    expectLog("warn", /^rate limit store failed; request allowed$/);
    for (let i = 0; i <= RATE_LIMITS.signInAccount.limit; i++) {
      const res = await post(auth, "/sign-in/email", { email: "down@example.test", password: "wrong" }, "10.2.9.1");
      expect(res.status).toBe(401);
    }
    const res = await post(auth, "/sign-in/email", { email: "down@example.test", password: PASSWORD }, "10.2.9.1");
    expect(res.status).toBe(200);
    expectInvalidPasswordWarnings(RATE_LIMITS.signInAccount.limit + 1);
  });
});
