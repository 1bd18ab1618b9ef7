import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "@/lib/prisma";
import { HTTP_CACHE } from "@/lib/http-cache";
import { LIST_PAGES, STATIC_PAGE_REVALIDATE_SECONDS } from "@/lib/page-routes.mjs";
import { createServices } from "@/server/services";
import type { EmbeddedPostgres } from "../../scripts/db/embedded";
import { startProductionServer, type ProductionServer } from "#tests/production-server";
import { startSeededDatabase } from "#tests/seeded-database";

// The public pages as the production build serves them: the first page of each list static,
// with the article's CDN level and no browser copy kept without a check; further pages rendered
// per request; a static page rendered again on demand shows what the database now holds.
// docs/decisions/0106-static-public-pages.md, 0107-http-cache-levels.md

let database: EmbeddedPostgres;
let server: ProductionServer;
let db: Database;

beforeAll(async () => {
  database = await startSeededDatabase();
  // Without the app cache: this file writes through its own services, which cannot invalidate
  // the server's in-process cache; a revalidated page then reads the database itself.
  server = await startProductionServer({ DATABASE_URL: database.url, CACHE_DISABLED: "true" });
  db = createDatabase({ url: database.url, poolMax: 1 });
});

afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
  await database?.stop();
});

const get = (pathname: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${pathname}`, { headers, redirect: "manual" });

// What `res.revalidate(path)` sends to its own server (Next's on-demand revalidation): the
// build's preview-mode id proves the request comes from the app.
function revalidate(pathname: string) {
  const manifest = JSON.parse(readFileSync(path.join(process.cwd(), ".next/prerender-manifest.json"), "utf8")) as {
    preview: { previewModeId: string };
  };
  return fetch(`${server.url}${pathname}`, {
    method: "HEAD",
    headers: { "x-prerender-revalidate": manifest.preview.previewModeId },
  });
}

describe("static pages on the production build", () => {
  it.each(["/", "/posts/1", "/users/1"])(
    "%s is served static, kept a day by CDNs, checked by browsers",
    async (page) => {
      // A page rendered by an earlier server on this build is served once as STALE, then again.
      await expect.poll(async () => (await get(page)).headers.get("x-nextjs-cache"), { timeout: 30_000 }).toBe("HIT");
      const res = await get(page);
      expect(res.status).toBe(200);
      expect(res.headers.get("x-nextjs-cache")).toBe("HIT");
      // No max-age and no stale-while-revalidate: a browser checks every time.
      expect(res.headers.get("cache-control")).toBe(`s-maxage=${STATIC_PAGE_REVALIDATE_SECONDS}`);
      expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
      const etag = res.headers.get("etag");
      expect(etag).toBeTruthy();
      // As a browser revalidating its copy sends it (fetch alone would add `Cache-Control: no-cache`).
      const again = await get(page, { "If-None-Match": etag!, "Cache-Control": "max-age=0" });
      expect(again.status).toBe(304);
    },
  );

  it("further pages are rendered per request at their own paths; the former ?page= links redirect there", async () => {
    for (const { first, later } of Object.values(LIST_PAGES)) {
      const rendered = await get(`${later.replace(":id", "1")}?page=2`);
      expect(rendered.status, later).toBe(200);
      expect(rendered.headers.get("x-nextjs-cache"), later).toBeNull();
      expect(rendered.headers.get("cache-control"), later).toBe(HTTP_CACHE.pages);
      const former = await get(`${first.replace(":id", "1")}?page=2`);
      expect(former.status, first).toBe(307);
      expect(former.headers.get("location"), first).toBe(`${later.replace(":id", "1")}?page=2`);
    }
  });

  it("their data is not kept by the browser's router, which no write can purge", async () => {
    const buildId = readFileSync(path.join(process.cwd(), ".next/BUILD_ID"), "utf8").trim();
    for (const data of ["index.json", "posts/1.json", "users/1.json"]) {
      const res = await get(`/_next/data/${buildId}/${data}`);
      expect(res.status, data).toBe(200);
      expect(res.headers.get("x-middleware-cache"), data).toBe("no-cache");
    }
  });

  it("unknown paths and ids are the 404 page", async () => {
    for (const pathname of ["/no/such/page", "/posts/999999", "/users/abc"]) {
      expect((await get(pathname)).status, pathname).toBe(404);
    }
  });

  it("a page rendered again on demand shows the write, and only then", async () => {
    const services = createServices(db);
    const [author] = await db.user.findMany({ take: 1, orderBy: { id: "asc" } });
    await get("/");
    const post = await services.posts.importPost({ userId: author!.id, title: "Fresh from the press", body: "…" });
    expect(await (await get("/")).text()).not.toContain("Fresh from the press");
    for (const pathname of ["/", `/posts/${post.id}`, `/users/${author!.id}`]) {
      const res = await revalidate(pathname);
      expect(res.headers.get("x-nextjs-cache"), pathname).toBe("REVALIDATED");
      const page = await get(pathname);
      expect(page.headers.get("x-nextjs-cache"), pathname).toBe("HIT");
      expect(await page.text(), pathname).toContain("Fresh from the press");
    }
  });
});
