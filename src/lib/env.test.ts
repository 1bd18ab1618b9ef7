import { describe, expect, it } from "vitest";
import { parseEnv, upstashCredentials } from "./env";

describe("parseEnv", () => {
  it("needs nothing for local use", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ NODE_ENV: "development", LOG_LEVEL: "info" });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("treats an empty variable as unset", () => {
    expect(parseEnv({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });

  it("names each bad variable", () => {
    expect(() => parseEnv({ DATABASE_URL: "not a url", DATABASE_POOL_MAX: "zero" })).toThrow(
      /DATABASE_URL[\s\S]*DATABASE_POOL_MAX|DATABASE_POOL_MAX[\s\S]*DATABASE_URL/,
    );
  });

  it("accepts Upstash's variable names and the article's, preferring Upstash's", () => {
    const upstash = { UPSTASH_REDIS_REST_URL: "https://eu1.upstash.io", UPSTASH_REDIS_REST_TOKEN: "t1" };
    const article = { UPSTASH_REDIS_URL: "https://us1.upstash.io", UPSTASH_REDIS_TOKEN: "t2" };
    expect(upstashCredentials(parseEnv(upstash))).toEqual({ url: "https://eu1.upstash.io", token: "t1" });
    expect(upstashCredentials(parseEnv(article))).toEqual({ url: "https://us1.upstash.io", token: "t2" });
    expect(upstashCredentials(parseEnv({ ...article, ...upstash }))?.token).toBe("t1");
    expect(upstashCredentials(parseEnv({}))).toBeUndefined();
  });

  it("refuses an Upstash URL without its token, naming the missing variable", () => {
    expect(() => parseEnv({ UPSTASH_REDIS_REST_URL: "https://eu1.upstash.io" })).toThrow(/UPSTASH_REDIS_REST_TOKEN/);
    expect(() => parseEnv({ UPSTASH_REDIS_TOKEN: "t" })).toThrow(/UPSTASH_REDIS_URL: is required/);
    expect(() => parseEnv({ UPSTASH_REDIS_REST_URL: "not a url", UPSTASH_REDIS_REST_TOKEN: "t" })).toThrow(
      /UPSTASH_REDIS_REST_URL/,
    );
  });

  it("bounds the cache settings", () => {
    expect(parseEnv({})).toMatchObject({ CACHE_NAMESPACE: "scale-starter", CACHE_TIMEOUT_MS: 150 });
    expect(() => parseEnv({ CACHE_NAMESPACE: "has space" })).toThrow(/CACHE_NAMESPACE/);
    expect(() => parseEnv({ CACHE_TIMEOUT_MS: "0" })).toThrow(/CACHE_TIMEOUT_MS/);
  });
});

describe("monitoring variables", () => {
  it("default to Sentry off, a 10 % trace sample, 2 s slow requests and a 1 s health timeout", () => {
    const env = parseEnv({});
    expect(env.SENTRY_DSN).toBeUndefined();
    expect(env).toMatchObject({
      SENTRY_TRACES_SAMPLE_RATE: 0.1,
      SLOW_REQUEST_MS: 2_000,
      HEALTH_CHECK_TIMEOUT_MS: 1_000,
    });
  });

  it("name a bad DSN and a sample rate outside 0..1", () => {
    expect(() => parseEnv({ SENTRY_DSN: "not-a-dsn" })).toThrow(/SENTRY_DSN/);
    expect(() => parseEnv({ SENTRY_DSN: "https://sentry.io/123" })).toThrow(/SENTRY_DSN: must be a Sentry DSN/);
    expect(parseEnv({ SENTRY_DSN: "https://abc123@o4.ingest.de.sentry.io/456" }).SENTRY_DSN).toBeDefined();
    expect(() => parseEnv({ SENTRY_TRACES_SAMPLE_RATE: "1.5" })).toThrow(/SENTRY_TRACES_SAMPLE_RATE/);
  });
});
