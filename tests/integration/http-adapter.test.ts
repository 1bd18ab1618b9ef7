import { describe, expect, it } from "vitest";
import { apiRoute } from "@/lib/http";
import { setupApiServer } from "../support/api-server";

const api = setupApiServer({
  "/boom": {
    default: apiRoute({ GET: async () => Promise.reject(new TypeError("connection string with a password")) }),
  },
  "/ok": { default: apiRoute({ GET: async () => ({ ok: true }) }, { cacheControl: "public, max-age=60" }) },
  "/raw": {
    default: apiRoute({
      POST: async (_req, res) => {
        res.status(201).json({ created: true });
      },
    }),
  },
});

describe("apiRoute", () => {
  it("answers an unexpected error with 500 and a generic body", async () => {
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
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ created: true });
  });
});
