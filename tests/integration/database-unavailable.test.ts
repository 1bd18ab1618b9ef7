import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectLog } from "#tests/logs";
import health from "@/pages/api/health";
import feed from "@/pages/api/posts/index";
import post from "@/pages/api/posts/[id]";
import trpcHandler from "@/pages/api/trpc/[trpc]";
import { createDatabase, setDatabase, type Database } from "@/lib/prisma";
import { setupApiServer } from "#tests/api-server";
import { deadPort } from "#tests/network";

let db: Database;
beforeAll(async () => {
  db = createDatabase({ url: `postgresql://postgres@127.0.0.1:${await deadPort()}/none` });
  setDatabase(db);
});
afterAll(async () => {
  setDatabase(undefined);
  await db.$disconnect();
});

const api = setupApiServer({
  "/api/posts": { default: feed },
  "/api/posts/[id]": { default: post },
  "/api/trpc/[trpc]": { default: trpcHandler },
  "/api/health": { default: health },
});

describe("when the database is down", () => {
  it("REST answers 503 with the error body and no stack", async () => {
    expectLog("warn", /^The database is unavailable, try again shortly$/);
    for (const path of ["/api/posts", "/api/posts/1"]) {
      const res = await api.get(path);
      expect(res.status).toBe(503);
      expect(res.body).toEqual({
        error: {
          code: "UNAVAILABLE",
          message: expect.stringContaining("database"),
          details: { dependency: "database" },
        },
      });
    }
  });

  it("still answers 400 for bad input, before touching the database", async () => {
    expect((await api.get("/api/posts?page=0")).status).toBe(400);
  });

  it("tRPC answers 503 SERVICE_UNAVAILABLE", async () => {
    expectLog("warn", /^The database is unavailable, try again shortly$/);
    const res = await api.get(`/api/trpc/posts.feed?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`);
    expect(res.status).toBe(503);
    expect(res.body.error.json.data).toMatchObject({ code: "SERVICE_UNAVAILABLE", appCode: "UNAVAILABLE" });
  });

  it("the health check answers 503 so the uptime monitor alerts, still uncached", async () => {
    expectLog("warn", /^health check failing$/);
    const res = await api.get("/api/health");
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({
      status: "down",
      checks: { database: { status: "failing", critical: true, problem: "error" } },
    });
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect((await api.request("/api/health", { method: "HEAD" })).status).toBe(503);
  });
});
