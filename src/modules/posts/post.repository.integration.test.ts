import { beforeAll, describe, expect, it } from "vitest";
import { factories } from "#tests/factories";
import { setupTestDatabase } from "#tests/test-database";
import { PostRepository } from "./post.repository";

const t = setupTestDatabase();

/** Rows the plan's scans of `table` produced, summed over the plan tree (EXPLAIN ANALYZE's JSON). */
function rowsReadFrom(table: string, plan: unknown): number {
  if (Array.isArray(plan)) return plan.reduce((sum: number, node) => sum + rowsReadFrom(table, node), 0);
  if (typeof plan !== "object" || plan === null) return 0;
  const node = plan as Record<string, unknown>;
  const own = node["Relation Name"] === table ? Number(node["Actual Rows"]) * Number(node["Actual Loops"] ?? 1) : 0;
  return own + rowsReadFrom(table, node.Plan ?? []) + rowsReadFrom(table, node.Plans ?? []);
}
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

  it("reads a list page (rows, authors, comment counts) in one query, whatever its size (no N+1)", async () => {
    const repo = new PostRepository(t.db);
    for (const take of [2, 30]) {
      t.resetQueries();
      await repo.findFeedItems({ skip: 0, take });
      expect(t.queries, `take ${take}`).toHaveLength(1);
    }
    t.resetQueries();
    const items = await repo.findItemsByAuthor(authorId, { skip: 0, take: 25 });
    expect(items).toHaveLength(25);
    expect(t.queries).toHaveLength(1);
  });

  it("selects only the columns a list shows (no body)", async () => {
    t.resetQueries();
    await new PostRepository(t.db).findFeedItems({ skip: 0, take: 5 });
    const [pageQuery] = t.queries;
    expect(pageQuery).toMatch(/FROM posts/);
    expect(pageQuery).not.toMatch(/\bbody\b/);
    expect(pageQuery).not.toMatch(/SELECT \*/);
  });

  it("counts the feed while it is short, and estimates it from statistics once it is long", async () => {
    const repo = new PostRepository(t.db);
    const exact = await repo.countAll();
    await expect(repo.countAllOrEstimate()).resolves.toEqual({ total: exact, estimated: false });
    await t.db.$executeRawUnsafe("ANALYZE posts");
    t.resetQueries();
    await expect(repo.countAllOrEstimate(1)).resolves.toEqual({ total: exact, estimated: true });
    expect(t.queries).toHaveLength(1);
  });

  it("reads a deep keyset page through as few rows as the first, unlike a deep offset", async () => {
    const repo = new PostRepository(t.db);
    const first = await repo.findFeedItemsAfter(null, 5);
    const all = await repo.findFeedItems({ skip: 0, take: 30 });
    const deep = await repo.findFeedItemsAfter(all[24]!, 5);
    expect(deep.map((p) => p.id)).toEqual(all.slice(25, 30).map((p) => p.id));
    expect(first.map((p) => p.id)).toEqual(all.slice(0, 5).map((p) => p.id));
    const postsRead = async (read: () => Promise<unknown>) => {
      t.resetQueries();
      await read();
      const [statement] = t.statements;
      const params = JSON.parse(statement!.params) as unknown[];
      // At 30 rows a sequential scan and a sort win; a real feed is read through its index.
      const [row] = await t.db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
        return tx.$queryRawUnsafe<{ "QUERY PLAN": unknown }[]>(
          `EXPLAIN (ANALYZE, FORMAT JSON) ${statement!.sql}`,
          ...params,
        );
      });
      return rowsReadFrom("posts", row!["QUERY PLAN"]);
    };
    const firstRows = await postsRead(() => repo.findFeedItemsAfter(null, 5));
    expect(firstRows).toBeGreaterThan(0);
    expect(await postsRead(() => repo.findFeedItemsAfter(all[24]!, 5))).toBeLessThanOrEqual(firstRows);
    expect(await postsRead(() => repo.findFeedItems({ skip: 25, take: 5 }))).toBeGreaterThan(firstRows);
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
