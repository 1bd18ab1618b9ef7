import { describe, expect, it, vi } from "vitest";
import { parseEnv } from "../env";
import { isHealthCheck, sentryServerOptions } from "./sentry-options";

function samplingContext(name: string, attributes: Record<string, unknown> = {}) {
  return { name, attributes, inheritOrSampleWith: vi.fn((rate: number) => rate) } as never;
}

describe("sentryServerOptions", () => {
  it("is off without a DSN", () => {
    expect(sentryServerOptions(parseEnv({}))).toBeUndefined();
  });

  it("takes the DSN, a 10 % trace sample by default and the deployment's environment", () => {
    const options = sentryServerOptions(
      parseEnv({ SENTRY_DSN: "https://key@o1.ingest.sentry.io/2", NODE_ENV: "production", VERCEL_ENV: "preview" }),
    );
    expect(options).toMatchObject({ dsn: "https://key@o1.ingest.sentry.io/2", environment: "preview" });
    expect(options?.tracesSampler?.(samplingContext("GET /api/posts"))).toBe(0.1);
  });

  it("lets the browser DSN serve the server too, and an explicit environment and rate win", () => {
    const options = sentryServerOptions(
      parseEnv({
        NEXT_PUBLIC_SENTRY_DSN: "https://key@o1.ingest.sentry.io/3",
        SENTRY_ENVIRONMENT: "staging",
        SENTRY_TRACES_SAMPLE_RATE: "0.5",
        VERCEL_ENV: "production",
      }),
    );
    expect(options).toMatchObject({ dsn: "https://key@o1.ingest.sentry.io/3", environment: "staging" });
    expect(options?.tracesSampler?.(samplingContext("GET /"))).toBe(0.5);
  });

  it("never traces the health check, even inside a sampled trace", () => {
    const options = sentryServerOptions(parseEnv({ SENTRY_DSN: "https://key@o1.ingest.sentry.io/2" }));
    const context = samplingContext("GET /api/health");
    expect(options?.tracesSampler?.(context)).toBe(0);
    expect(
      (context as unknown as { inheritOrSampleWith: ReturnType<typeof vi.fn> }).inheritOrSampleWith,
    ).not.toHaveBeenCalled();
  });
});

describe("isHealthCheck", () => {
  it.each([
    ["GET /api/health", {}],
    ["GET", { "http.target": "/api/health?probe=uptimerobot" }],
    ["HEAD", { "url.path": "/api/health" }],
    ["executing api route (pages)", { "next.route": "/api/health" }],
  ])("recognises %s %o", (name, attributes) => {
    expect(isHealthCheck(samplingContext(name, attributes))).toBe(true);
  });

  it.each([["GET /api/healthy"], ["GET /api/posts"], ["GET /"]])("leaves %s alone", (name) => {
    expect(isHealthCheck(samplingContext(name, { "http.target": "/api/posts" }))).toBe(false);
  });
});
