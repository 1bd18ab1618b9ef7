import { beforeAll, describe, expect, it } from "vitest";
import { setupApiServer } from "#tests/api-server";
import { REST_ROUTES } from "#tests/routes";
import { factories } from "#tests/factories";
import { setupTestDatabase } from "#tests/test-database";

const t = setupTestDatabase();
const { createUser, createPost, createComment } = factories(() => t.services);
const api = setupApiServer(REST_ROUTES);

function expectErrorBody(body: unknown, code: string) {
  expect(body).toMatchObject({ error: { code, message: expect.any(String) } });
  expect(JSON.stringify(body)).not.toMatch(/\bat \S+ \(|node_modules|\.ts:\d+/);
}

describe("REST API", () => {
  let authorId: number;
  let postId: number;

  beforeAll(async () => {
    authorId = (await createUser({ name: "Barbara" })).id;
    for (let i = 0; i < 25; i++) {
      postId = (await createPost({ userId: authorId, title: `Caching lesson ${i}` })).id;
    }
    for (let i = 0; i < 3; i++) await createComment({ postId, userId: authorId });
  });

  describe("GET /api/posts", () => {
    it("returns the first page of 20, newest first, with authors and counts", async () => {
      const res = await api.get("/api/posts");
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("application/json");
      expect(res.headers.get("x-request-id")).toBeTruthy();
      expect(res.body).toMatchObject({ page: 1, pageSize: 20, total: 25, totalPages: 2 });
      expect(res.body.items).toHaveLength(20);
      expect(res.body.items[0]).toMatchObject({
        id: postId,
        author: { id: authorId, name: "Barbara" },
        commentCount: 3,
      });
      expect(res.body.items[0]).not.toHaveProperty("body");
    });

    it("serves the next page with the rest", async () => {
      const res = await api.get("/api/posts?page=2");
      expect(res.body.items).toHaveLength(5);
    });

    it("serves keyset pages from ?cursor=, the same rows as the numbered pages, one query each", async () => {
      const numbered = (await api.get("/api/posts?pageSize=25")).body.items.map((p: { id: number }) => p.id);
      const seen: number[] = [];
      let cursor = "";
      for (let pages = 0; pages < 10; pages++) {
        t.resetQueries();
        const res = await api.get(`/api/posts?cursor=${cursor}&pageSize=10`);
        expect(res.status).toBe(200);
        expect(t.queries).toHaveLength(1);
        expect(res.body).not.toHaveProperty("total");
        seen.push(...res.body.items.map((p: { id: number }) => p.id));
        if (!res.body.nextCursor) break;
        cursor = res.body.nextCursor;
      }
      expect(seen).toEqual(numbered);
    });

    it.each(["nonsense", "x".repeat(100)])("answers 400 naming the cursor for ?cursor=%s", async (cursor) => {
      const res = await api.get(`/api/posts?cursor=${cursor}`);
      expect(res.status).toBe(400);
      expectErrorBody(res.body, "VALIDATION");
      expect(res.body.error.details.issues[0].field).toBe("cursor");
    });

    it.each([
      ["page=0", "page"],
      ["page=abc", "page"],
      ["pageSize=101", "pageSize"],
      ["pageSize=-1", "pageSize"],
      ["page=1&page=2", "page"],
    ])("answers 400 naming the field for ?%s", async (query, field) => {
      const res = await api.get(`/api/posts?${query}`);
      expect(res.status).toBe(400);
      expectErrorBody(res.body, "VALIDATION");
      expect(res.body.error.details.issues[0].field).toBe(field);
      expect(res.headers.get("cache-control")).toBe("no-store");
    });

    it("answers 405 with Allow for other methods", async () => {
      const res = await api.request("/api/posts", { method: "DELETE" });
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toBe("GET, POST, HEAD");
      expectErrorBody(res.body, "METHOD_NOT_ALLOWED");
    });

    it("answers HEAD without a body", async () => {
      const res = await api.request("/api/posts", { method: "HEAD" });
      expect(res.status).toBe(200);
      expect(res.body).toBeUndefined();
    });
  });

  describe("GET /api/posts/:id", () => {
    it("returns the post with its body", async () => {
      const res = await api.get(`/api/posts/${postId}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: postId, body: "A body.", commentCount: 3, author: { name: "Barbara" } });
    });

    it("answers 404 for an unknown id", async () => {
      const res = await api.get("/api/posts/999999");
      expect(res.status).toBe(404);
      expectErrorBody(res.body, "NOT_FOUND");
    });

    it.each(["abc", "0", "-3", "1.5", "99999999999"])("answers 400 naming id for %s", async (id) => {
      const res = await api.get(`/api/posts/${id}`);
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues[0].field).toBe("id");
    });
  });

  describe("GET /api/posts/:id/comments", () => {
    it("pages the comments", async () => {
      const res = await api.get(`/api/posts/${postId}/comments?pageSize=2`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: 3, totalPages: 2 });
      expect(res.body.items).toHaveLength(2);
    });

    it("answers 404 for the comments of an unknown post", async () => {
      expect((await api.get("/api/posts/999999/comments")).status).toBe(404);
    });

    it("answers 400 for a bad post id", async () => {
      const res = await api.get("/api/posts/nope/comments");
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues[0].field).toBe("postId");
    });
  });

  describe("GET /api/users/:id and /api/users/:id/posts", () => {
    it("returns the public profile without the email", async () => {
      const res = await api.get(`/api/users/${authorId}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: authorId, name: "Barbara", postCount: 25 });
      expect(res.body).not.toHaveProperty("email");
    });

    it("pages the user's posts", async () => {
      const res = await api.get(`/api/users/${authorId}/posts?pageSize=10&page=3`);
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(5);
    });

    it("answers 404 and 400 as the other routes do", async () => {
      expect((await api.get("/api/users/999999")).status).toBe(404);
      expect((await api.get("/api/users/999999/posts")).status).toBe(404);
      expect((await api.get("/api/users/x")).status).toBe(400);
    });
  });

  describe("GET /api/search", () => {
    it("finds titles containing the text", async () => {
      const res = await api.get("/api/search?q=lesson%202");
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(6); // 2, 20–24
    });

    it.each([
      ["", "q"],
      ["q=ab", "q"],
      [`q=${"x".repeat(101)}`, "q"],
      ["q=valid&page=0", "page"],
    ])("answers 400 naming the field for ?%s", async (query, field) => {
      const res = await api.get(`/api/search?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues[0].field).toBe(field);
    });
  });

  it("GET /api/config returns the flags", async () => {
    await t.services.config.setFlag({ key: "live-search", enabled: true }, { source: "command_line" });
    const res = await api.get("/api/config");
    expect(res.status).toBe(200);
    expect(res.body.flags).toEqual({ "live-search": true });
  });

  describe("HTTP cache levels", () => {
    const lists = "public, max-age=60, s-maxage=300, stale-while-revalidate=300";
    const profile = "public, max-age=300, s-maxage=3600, stale-while-revalidate=3600";

    it("lets browsers and the CDN keep shared answers, for as long as each kind may be stale", async () => {
      const expected: [string, string][] = [
        ["/api/posts", lists],
        [`/api/posts/${postId}`, lists],
        [`/api/posts/${postId}/comments`, lists],
        [`/api/users/${authorId}`, profile],
        [`/api/users/${authorId}/posts`, lists],
        ["/api/search?q=lesson", lists],
        ["/api/config", lists],
      ];
      for (const [path, cacheControl] of expected) {
        const res = await api.get(path);
        expect(res.status, path).toBe(200);
        expect(res.headers.get("cache-control"), path).toBe(cacheControl);
      }
    });

    it("never lets an error be cached", async () => {
      for (const path of ["/api/posts/999999", "/api/users/abc", "/api/search?q=ab"]) {
        expect((await api.get(path)).headers.get("cache-control"), path).toBe("no-store");
      }
    });
  });
});
