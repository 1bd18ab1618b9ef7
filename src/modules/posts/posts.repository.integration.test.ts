import { beforeAll, describe, expect, it } from "vitest";
import { factories } from "../../../tests/support/factories";
import { setupTestDatabase } from "../../../tests/support/test-database";
import { PostRepository } from "./posts.repository";

const t = setupTestDatabase();
const { createUser, createPost, createComment } = factories(() => t.services);

describe("PostRepository", () => {
  let authorId: number;
  const sameInstant = new Date("2026-03-01T12:00:00Z");

  beforeAll(async () => {
    authorId = (await createUser({ name: "Grace" })).id;
    // 30 posts, ten of which share one timestamp: only the id tie-breaker orders those.
    for (let i = 0; i < 30; i++) {
      const createdAt = i < 10 ? sameInstant : new Date(Date.UTC(2026, 0, 1 + i));
      const post = await createPost({ userId: authorId, title: `Scaling step ${i}`, createdAt });
      for (let c = 0; c < i % 3; c++) await createComment({ postId: post.id, userId: authorId });
    }
  });

  it("pages the feed newest first without repeating or skipping a row", async () => {
    const repo = new PostRepository(t.db);
    const seen: number[] = [];
    for (let skip = 0; skip < 30; skip += 7) {
      const { items, total } = await repo.findFeedPage({ skip, take: 7 });
      expect(total).toBe(30);
      seen.push(...items.map((p) => p.id));
    }
    expect(new Set(seen).size).toBe(30);
    const { items } = await repo.findFeedPage({ skip: 0, take: 30 });
    expect(items.map((p) => p.id)).toEqual(seen);
    const keys = items.map((p) => [new Date(p.createdAt).getTime(), p.id] as const);
    const sorted = [...keys].sort((a, b) => b[0] - a[0] || b[1] - a[1]);
    expect(keys).toEqual(sorted);
  });

  it("returns author names and comment counts with each summary", async () => {
    const { items } = await new PostRepository(t.db).findFeedPage({ skip: 0, take: 30 });
    for (const post of items) {
      const index = Number(post.title.split(" ").pop());
      expect(post.author).toEqual({ id: authorId, name: "Grace" });
      expect(post.commentCount).toBe(index % 3);
    }
  });

  it("reads a feed page in a constant number of queries, whatever its size (no N+1)", async () => {
    const repo = new PostRepository(t.db);
    t.resetQueries();
    await repo.findFeedPage({ skip: 0, take: 2 });
    const small = t.queries.length;
    t.resetQueries();
    await repo.findFeedPage({ skip: 0, take: 30 });
    expect(t.queries.length).toBe(small);
    expect(small).toBeLessThanOrEqual(4);
  });

  it("reads an author's page in the same constant number of queries", async () => {
    const repo = new PostRepository(t.db);
    t.resetQueries();
    const { items, total } = await repo.findPageByAuthor(authorId, { skip: 0, take: 25 });
    expect(items).toHaveLength(25);
    expect(total).toBe(30);
    expect(t.queries.length).toBeLessThanOrEqual(4);
  });

  it("selects only the columns a list shows (no body)", async () => {
    t.resetQueries();
    await new PostRepository(t.db).findFeedPage({ skip: 0, take: 5 });
    const pageQuery = t.queries.find((q) => q.includes('FROM "public"."posts"') && q.includes("ORDER BY"));
    expect(pageQuery).toBeDefined();
    expect(pageQuery).not.toMatch(/"body"/);
    expect(pageQuery).not.toMatch(/SELECT \*/);
  });

  it("finds a post with its body and comment count, or null", async () => {
    const repo = new PostRepository(t.db);
    const { items } = await repo.findFeedPage({ skip: 0, take: 1 });
    const post = await repo.findById(items[0]!.id);
    expect(post).toMatchObject({ id: items[0]!.id, body: "A body.", author: { name: "Grace" } });
    await expect(repo.findById(2_000_000)).resolves.toBeNull();
  });

  it("searches titles case-insensitively and treats wildcards literally", async () => {
    const repo = new PostRepository(t.db);
    await createPost({ userId: authorId, title: "100% uptime" });
    await createPost({ userId: authorId, title: "100 percent" });
    expect((await repo.findPageByTitle("SCALING STEP 2", { skip: 0, take: 50 })).total).toBe(11); // 2, 20–29
    const literal = await repo.findPageByTitle("0% u", { skip: 0, take: 10 });
    expect(literal.items.map((p) => p.title)).toEqual(["100% uptime"]);
    expect((await repo.findPageByTitle("step_1", { skip: 0, take: 10 })).total).toBe(0);
  });

  it("finds which ids exist in one query", async () => {
    const repo = new PostRepository(t.db);
    const { items } = await repo.findFeedPage({ skip: 0, take: 2 });
    t.resetQueries();
    const existing = await repo.findExistingIds([items[0]!.id, items[1]!.id, 2_000_000]);
    expect(existing).toEqual(new Set([items[0]!.id, items[1]!.id]));
    expect(t.queries).toHaveLength(1);
  });
});
