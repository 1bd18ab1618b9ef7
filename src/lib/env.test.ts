import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

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
