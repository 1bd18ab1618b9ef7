import { describe, expect, it } from "vitest";
import { appOrigin } from "./app-origin";
import { assertSameOrigin } from "./csrf";

const ORIGIN = "https://app.example.com";
const request = (method: string, headers: Record<string, string> = {}) => ({ method, headers });
const refusal = { code: "FORBIDDEN", status: 403, details: { reason: "cross_origin" } };

describe("assertSameOrigin", () => {
  it.each(["GET", "HEAD"])("lets %s through from anywhere: it changes nothing", (method) => {
    expect(() => assertSameOrigin(request(method, { origin: "https://evil.example" }), ORIGIN)).not.toThrow();
  });

  it.each(["POST", "PATCH", "DELETE", "PUT", "OPTIONS"])("lets %s through from our origin", (method) => {
    expect(() => assertSameOrigin(request(method, { origin: ORIGIN }), ORIGIN)).not.toThrow();
  });

  it.each([
    ["another site", { origin: "https://evil.example" }],
    ["another port", { origin: "https://app.example.com:8443" }],
    ["plain http", { origin: "http://app.example.com" }],
    ["a subdomain", { origin: "https://evil.app.example.com" }],
    ["an opaque origin", { origin: "null" }],
    [
      "a foreign origin that claims same-origin fetch metadata",
      { origin: "https://evil.example", "sec-fetch-site": "same-origin" },
    ],
    ["no origin and no fetch metadata", {}],
    ["no origin, from a sibling subdomain", { "sec-fetch-site": "same-site" }],
    ["no origin, from another site", { "sec-fetch-site": "cross-site" }],
    ["no origin, typed in the address bar", { "sec-fetch-site": "none" }],
  ])("refuses a write from %s with 403", (_, headers) => {
    expect(() => assertSameOrigin(request("POST", headers), ORIGIN)).toThrow(
      expect.objectContaining(refusal) as unknown as Error,
    );
  });

  it("accepts a write without Origin when the browser says it is same-origin", () => {
    expect(() => assertSameOrigin(request("DELETE", { "sec-fetch-site": "same-origin" }), ORIGIN)).not.toThrow();
  });

  it("compares with the app's origin by default", () => {
    expect(() => assertSameOrigin(request("POST", { origin: appOrigin() }))).not.toThrow();
  });
});

describe("appOrigin", () => {
  it("prefers BETTER_AUTH_URL (its origin only), then Vercel's URL, then localhost on PORT", () => {
    expect(appOrigin({ BETTER_AUTH_URL: "https://app.example.com/some/path", VERCEL_URL: "x.vercel.app" })).toBe(
      "https://app.example.com",
    );
    expect(appOrigin({ VERCEL_URL: "x.vercel.app" })).toBe("https://x.vercel.app");
    expect(appOrigin({ PORT: 4000 })).toBe("http://localhost:4000");
    expect(appOrigin({})).toBe("http://localhost:3000");
  });
});
