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
