import { describe, expect, it } from "vitest";
import { appRelease } from "@/lib/release";
import health from "@/pages/api/health";
import { setupApiServer } from "#tests/api-server";
import { setupTestDatabase } from "#tests/test-database";

const t = setupTestDatabase();
const api = setupApiServer({ "/api/health": { default: health } });

describe("GET /api/health", () => {
  it("answers 200 with each check, the version, and no caching", async () => {
    const res = await api.get("/api/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: "ok",
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      commit: appRelease.commit,
      checks: {
        database: { status: "ok", critical: true, durationMs: expect.any(Number) },
        cache: { status: "ok", critical: false, durationMs: expect.any(Number) },
      },
    });
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-request-id")).toBeTruthy();
  });

  it("is cheap: one SELECT 1 and one cache ping, whose times show in Server-Timing", async () => {
    const res = await api.get("/api/health");
    expect(t.queries).toEqual(["SELECT 1"]);
    expect(res.headers.get("server-timing")).toMatch(/^db;dur=[\d.]+;desc="1 query", cache;dur=[\d.]+;desc="1 lookup"/);
  });

  it("answers HEAD with the status and no body", async () => {
    const res = await api.request("/api/health", { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(res.body).toBeUndefined();
  });

  it("refuses other methods with 405", async () => {
    const res = await api.request("/api/health", { method: "POST" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD");
  });
});
