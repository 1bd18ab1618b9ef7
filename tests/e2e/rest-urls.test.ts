import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmbeddedPostgres } from "../../scripts/db/embedded";
import { startProductionServer, type ProductionServer } from "#tests/production-server";
import { startSeededDatabase } from "#tests/seeded-database";

// Each public REST URL, served by the production build from src/pages/api (users/[id].ts and
// posts/[id].ts beside the [id]/ folders), answers with its status and body shape.

let database: EmbeddedPostgres;
let server: ProductionServer;

beforeAll(async () => {
  database = await startSeededDatabase();
  server = await startProductionServer({ DATABASE_URL: database.url });
});

afterAll(async () => {
  await server?.stop();
  await database?.stop();
});

async function get(path: string) {
  const response = await fetch(`${server.url}${path}`);
  expect(response.headers.get("content-type"), path).toContain("application/json");
  return { status: response.status, body: await response.json() };
}

const author = { id: expect.any(Number), name: expect.any(String) };
const postSummary = {
  id: expect.any(Number),
  title: expect.any(String),
  createdAt: expect.any(String),
  commentCount: expect.any(Number),
  author,
};
const page = (items: unknown) => ({
  items: expect.arrayContaining([expect.objectContaining(items)]),
  page: 1,
  pageSize: expect.any(Number),
  total: expect.any(Number),
  totalIsEstimate: false,
  totalPages: expect.any(Number),
});

describe("the public REST URLs, on the production build", () => {
  it("/api/posts and /api/posts/1", async () => {
    const feed = await get("/api/posts");
    expect(feed).toEqual({ status: 200, body: page(postSummary) });
    expect(feed.body).toMatchObject({ pageSize: 20, total: 30, totalPages: 2 });
    expect(feed.body.items).toHaveLength(20);

    const post = await get("/api/posts/1");
    expect(post).toEqual({
      status: 200,
      body: expect.objectContaining({ ...postSummary, id: 1, body: expect.any(String) }),
    });
  });

  it("/api/posts/1/comments", async () => {
    const comments = await get("/api/posts/1/comments");
    expect(comments.status).toBe(200);
    expect(comments.body).toMatchObject({ page: 1, items: expect.any(Array), total: expect.any(Number) });
    for (const comment of comments.body.items) {
      expect(comment).toMatchObject({ id: expect.any(Number), body: expect.any(String), author });
    }
  });

  it("/api/users/1 and /api/users/1/posts", async () => {
    const user = await get("/api/users/1");
    expect(user).toEqual({
      status: 200,
      body: expect.objectContaining({ id: 1, name: expect.any(String), postCount: expect.any(Number) }),
    });
    expect(user.body).not.toHaveProperty("email");

    const posts = await get("/api/users/1/posts");
    expect(posts.status).toBe(200);
    expect(posts.body).toMatchObject({ page: 1, total: user.body.postCount });
    for (const post of posts.body.items) expect(post).toMatchObject({ author: { id: 1 } });
  });

  it("/api/search, /api/config and /api/health", async () => {
    const search = await get("/api/search?q=Redis");
    expect(search.status).toBe(200);
    expect(search.body).toMatchObject({ page: 1, items: expect.any(Array), total: expect.any(Number) });
    for (const post of search.body.items) expect(post.title).toMatch(/redis/i);

    const config = await get("/api/config");
    expect(config.status).toBe(200);
    expect(config.body.flags).toMatchObject({ "live-search": false });

    const health = await get("/api/health");
    expect(health).toEqual({
      status: 200,
      body: expect.objectContaining({
        status: "ok",
        checks: expect.objectContaining({ database: expect.objectContaining({ status: "ok" }) }),
      }),
    });
  });

  it("the same URLs answer 404 and 400 with the error body", async () => {
    for (const [path, status, code] of [
      ["/api/posts/999999", 404, "NOT_FOUND"],
      ["/api/posts/999999/comments", 404, "NOT_FOUND"],
      ["/api/users/999999", 404, "NOT_FOUND"],
      ["/api/users/999999/posts", 404, "NOT_FOUND"],
      ["/api/users/x", 400, "VALIDATION"],
      ["/api/posts/x/comments", 400, "VALIDATION"],
    ] as const) {
      expect(await get(path), path).toEqual({
        status,
        body: { error: expect.objectContaining({ code, message: expect.any(String) }) },
      });
    }
  });
});
