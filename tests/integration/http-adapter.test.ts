import { describe, expect, it } from "vitest";
import { apiRoute, created, noContent } from "@/lib/http";
import { setupApiServer } from "#tests/api-server";
import { expectLog } from "#tests/logs";

const api = setupApiServer({
  "/boom": {
    default: apiRoute({ GET: async () => Promise.reject(new TypeError("connection string with a password")) }),
  },
  "/ok": { default: apiRoute({ GET: async () => ({ ok: true }) }, { cacheControl: "public, max-age=60" }) },
  "/raw": {
    default: apiRoute({
      POST: async (_req, res) => {
        res.status(202).json({ accepted: true });
      },
    }),
  },
  "/things": {
    default: apiRoute(
      {
        GET: async () => ({ things: [] }),
        POST: created(async (req) => ({ id: 1, ...(req.body as object) })),
        PATCH: async () => ({ id: 1 }),
        DELETE: noContent(async () => ({ ignored: true })),
      },
      { cacheControl: "public, max-age=60" },
    ),
  },
});

describe("apiRoute", () => {
  it("answers an unexpected error with 500 and a generic body", async () => {
    expectLog("error", /^unexpected error$/);
    const res = await api.get("/boom");
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: "INTERNAL", message: "Something went wrong on our side" } });
    expect(JSON.stringify(res.body)).not.toContain("password");
  });

  it("echoes a well-formed X-Request-Id and replaces a malformed one", async () => {
    expect((await api.get("/ok", { headers: { "x-request-id": "abc-123" } })).headers.get("x-request-id")).toBe(
      "abc-123",
    );
    const replaced = (await api.get("/ok", { headers: { "x-request-id": "bad id!" } })).headers.get("x-request-id");
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("sends the route's Cache-Control on success", async () => {
    expect((await api.get("/ok")).headers.get("cache-control")).toBe("public, max-age=60");
  });

  it("leaves a response the handler wrote itself alone", async () => {
    const res = await api.request("/raw", { method: "POST" });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ accepted: true });
  });

  it("answers 201 with what `created` returns and 204 without a body for `noContent`", async () => {
    const post = await api.request("/things", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"name":"a"}',
    });
    expect(post).toMatchObject({ status: 201, body: { id: 1, name: "a" } });
    const del = await api.request("/things", { method: "DELETE" });
    expect(del.status).toBe(204);
    expect(del.body).toBeUndefined();
    expect(del.headers.get("content-length") ?? "0").toBe("0");
  });

  it("keeps the route's Cache-Control for GET and never caches a write's answer", async () => {
    expect((await api.get("/things")).headers.get("cache-control")).toBe("public, max-age=60");
    for (const method of ["POST", "PATCH", "DELETE"]) {
      const res = await api.request("/things", { method });
      expect(res.headers.get("cache-control"), method).toBe("private, no-store");
    }
  });

  it("refuses a write from another origin before running its handler", async () => {
    const res = await api.request("/raw", { method: "POST", origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: "FORBIDDEN", details: { reason: "cross_origin" } });
  });
});
