import { afterEach, describe, expect, it, vi } from "vitest";
import { expectLog } from "#tests/logs";
import { parseEnv } from "./env";
import { RateLimitedError } from "./errors";
import { assertWithinRateLimit, createAppRateLimiter, createMemoryRateLimiter, RATE_LIMITS } from "./rate-limit";

afterEach(() => {
  vi.useRealTimers();
});

describe("the in-process limiter", () => {
  it("allows a rule's limit in its window, then refuses with the time left, key by key", async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 11, 6, 12, 0, 0) });
    const limiter = createMemoryRateLimiter();
    const { limit, windowSeconds } = RATE_LIMITS.signInAccount;
    for (let i = 0; i < limit; i++) {
      await expect(limiter.check("signInAccount", "ada@example.test")).resolves.toEqual({
        allowed: true,
        retryAfterSeconds: 0,
      });
    }
    vi.advanceTimersByTime(15_000);
    await expect(limiter.check("signInAccount", "ada@example.test")).resolves.toEqual({
      allowed: false,
      retryAfterSeconds: windowSeconds - 15,
    });
    await expect(limiter.check("signInAccount", "grace@example.test")).resolves.toMatchObject({ allowed: true });
    // The same key under another rule is counted apart.
    await expect(limiter.check("signInIp", "ada@example.test")).resolves.toMatchObject({ allowed: true });

    vi.advanceTimersByTime((windowSeconds - 15) * 1000);
    await expect(limiter.check("signInAccount", "ada@example.test")).resolves.toMatchObject({ allowed: true });
  });

  it("counts any rule under its own key (better-auth's rules come this way)", async () => {
    const limiter = createMemoryRateLimiter();
    const rule = { limit: 2, windowSeconds: 10 };
    await limiter.consume(rule, "auth:10.0.0.1|/sign-in/email");
    await limiter.consume(rule, "auth:10.0.0.1|/sign-in/email");
    const third = await limiter.consume(rule, "auth:10.0.0.1|/sign-in/email");
    expect(third.allowed).toBe(false);
    expect(third.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(third.retryAfterSeconds).toBeLessThanOrEqual(10);
  });

  it("assertWithinRateLimit throws a RateLimitedError that says when to retry", async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 11, 6, 12, 0, 0) });
    const limiter = createMemoryRateLimiter({ ...RATE_LIMITS, write: { limit: 1, windowSeconds: 30 } });
    await assertWithinRateLimit(limiter, "write", "7");
    const error = await assertWithinRateLimit(limiter, "write", "7").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ code: "RATE_LIMITED", retryAfterSeconds: 30 });
  });
});

describe("createAppRateLimiter", () => {
  it("counts on Upstash when the cache's variables are set", () => {
    const limiter = createAppRateLimiter(
      parseEnv({ UPSTASH_REDIS_REST_URL: "http://127.0.0.1:1", UPSTASH_REDIS_REST_TOKEN: "t", NODE_ENV: "production" }),
    );
    expect(limiter.kind).toBe("upstash");
  });

  it("counts in process otherwise, and says so in production, where instances do not share counts", () => {
    expect(createAppRateLimiter(parseEnv({ NODE_ENV: "development" })).kind).toBe("memory");
    expectLog("warn", /^no Upstash variables: rate limits are counted per instance/);
    expect(createAppRateLimiter(parseEnv({ NODE_ENV: "production" })).kind).toBe("memory");
  });
});
