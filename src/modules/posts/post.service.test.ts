import { describe, expect, it, vi } from "vitest";
import { AppError, NotFoundError } from "@/lib/errors";
import { createMemoryRateLimiter } from "@/lib/rate-limit";
import { createTestCache } from "#tests/cache";
import { PostService, type PostServiceDeps } from "./post.service";
import type { PostDetail, PostSummary } from "./post.types";

const author = { id: 7, name: "Ada" };
const summary = (id: number): PostSummary => ({
  id,
  title: `Post ${id}`,
  createdAt: new Date(0),
  author,
  commentCount: 0,
});

function fakeDeps(overrides: Partial<PostServiceDeps["posts"]> = {}, users: Partial<PostServiceDeps["users"]> = {}) {
  const posts = {
    findFeedItems: vi.fn(async () => [summary(1), summary(2)]),
    findFeedItemsAfter: vi.fn(async (): Promise<PostSummary[]> => []),
    countAllOrEstimate: vi.fn(async () => ({ total: 42, estimated: false })),
    findItemsByAuthor: vi.fn(async (): Promise<PostSummary[]> => []),
    countByAuthor: vi.fn(async () => 0),
    findItemsByTitle: vi.fn(async () => [summary(3)]),
    countByTitle: vi.fn(async () => 1),
    findById: vi.fn(async (): Promise<PostDetail | null> => null),
    findAuthorId: vi.fn(async (): Promise<number | null> => 7),
    create: vi.fn(async (data: { userId: number; title: string; body: string }) => ({
      id: 9,
      createdAt: new Date(0),
      ...data,
    })),
    createMany: vi.fn(async (rows: unknown[]) => rows.length),
    updateById: vi.fn(async (id: number, changes: { title?: string; body?: string }) => ({
      id,
      title: "Old",
      body: "Old body",
      userId: 7,
      createdAt: new Date(0),
      ...changes,
    })),
    deleteById: vi.fn(async () => true),
    ...overrides,
  };
  const userRepo = {
    exists: vi.fn(async () => true),
    findExistingIds: vi.fn(async (ids: number[]) => new Set(ids)),
    ...users,
  };
  const cache = createTestCache();
  const limiter = createMemoryRateLimiter();
  return {
    posts,
    users: userRepo,
    cache,
    limiter,
    service: new PostService({ posts, users: userRepo, cache, limiter }),
  };
}

describe("PostService", () => {
  it("reads a feed page with the article's defaults: 20 a page, from the first row", async () => {
    const { posts, service } = fakeDeps();
    const page = await service.getFeedPage();
    expect(posts.findFeedItems).toHaveBeenCalledWith({ skip: 0, take: 20 });
    expect(page).toMatchObject({ page: 1, pageSize: 20, total: 42, totalPages: 3 });
    expect(page.items).toHaveLength(2);
  });

  it("turns page and page size into skip and take", async () => {
    const { posts, service } = fakeDeps({
      countAllOrEstimate: vi.fn(async () => ({ total: 1_000, estimated: false })),
    });
    await service.getFeedPage({ page: 3, pageSize: 50 });
    expect(posts.findFeedItems).toHaveBeenCalledWith({ skip: 100, take: 50 });
  });

  it.each([
    [{ pageSize: 101 }, "pageSize"],
    [{ pageSize: 0 }, "pageSize"],
    [{ page: 0 }, "page"],
    [{ page: "two" }, "page"],
    [{ page: 1.5 }, "page"],
  ])("rejects %j naming the field", async (input, field) => {
    const { posts, service } = fakeDeps();
    const error = await service.getFeedPage(input as never).catch((e: unknown) => e);
    expect(AppError.is(error) && error.code).toBe("VALIDATION");
    expect((error as AppError).message).toContain(field);
    expect(posts.findFeedItems).not.toHaveBeenCalled();
  });

  it("reads keyset pages once a cursor is given, one row more than a page to know if one follows", async () => {
    const rows = [summary(30), summary(29), summary(28)].map((p, i) => ({ ...p, createdAt: new Date(3_000 - i) }));
    const after = vi.fn(async (_position: unknown, _take: number): Promise<PostSummary[]> => rows);
    const { posts, service } = fakeDeps({ findFeedItemsAfter: after });
    const first = await service.getFeed({ cursor: "", pageSize: "2" });
    expect(posts.findFeedItemsAfter).toHaveBeenLastCalledWith(null, 3);
    expect(first).toMatchObject({ pageSize: 2, items: [{ id: 30 }, { id: 29 }], nextCursor: expect.any(String) });
    after.mockResolvedValueOnce([rows[2]!]);
    const next = await service.getFeed({ cursor: (first as { nextCursor: string }).nextCursor, pageSize: "2" });
    // The cursor carries the last row's position, to the millisecond.
    expect(posts.findFeedItemsAfter).toHaveBeenLastCalledWith({ createdAt: new Date(2_999), id: 29 }, 3);
    expect(next).toEqual({ items: [rows[2]], pageSize: 2, nextCursor: null });
    expect(posts.findFeedItems).not.toHaveBeenCalled();
  });

  it.each(["garbage", Buffer.from("12.0").toString("base64url"), "x".repeat(65), ["a", "b"]])(
    "rejects the cursor %j naming it",
    async (cursor) => {
      const { posts, service } = fakeDeps();
      const error = await service.getFeed({ cursor }).catch((e: unknown) => e);
      expect(AppError.is(error) && error.code).toBe("VALIDATION");
      expect((error as AppError).message).toContain("cursor");
      expect(posts.findFeedItemsAfter).not.toHaveBeenCalled();
    },
  );

  it("says when the feed's total is an estimate, and reads a page past it", async () => {
    const { posts, service } = fakeDeps({ countAllOrEstimate: vi.fn(async () => ({ total: 30, estimated: true })) });
    await expect(service.getFeedPage({ page: 2 })).resolves.toMatchObject({ total: 30, totalIsEstimate: true });
    await service.getFeedPage({ page: 3 });
    expect(posts.findFeedItems).toHaveBeenLastCalledWith({ skip: 40, take: 20 });
  });

  it("throws NotFoundError for an unknown post", async () => {
    const { service } = fakeDeps();
    await expect(service.getPost({ id: 404 })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("returns a known post", async () => {
    const post: PostDetail = { ...summary(5), body: "Hello" };
    const { service } = fakeDeps({ findById: vi.fn(async () => post) });
    await expect(service.getPost({ id: 5 })).resolves.toEqual(post);
  });

  it("tells an author with no posts from an unknown author", async () => {
    const known = fakeDeps();
    await expect(known.service.getPostsByAuthor({ userId: 7 })).resolves.toMatchObject({ items: [], total: 0 });

    const unknown = fakeDeps({}, { exists: vi.fn(async () => false) });
    await expect(unknown.service.getPostsByAuthor({ userId: 8 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("does not look the author up when the page has posts", async () => {
    const { users, service } = fakeDeps({
      findItemsByAuthor: vi.fn(async () => [summary(1)]),
      countByAuthor: vi.fn(async () => 1),
    });
    await service.getPostsByAuthor({ userId: 7 });
    expect(users.exists).not.toHaveBeenCalled();
  });

  it("searches with trimmed text of at least three characters", async () => {
    const { posts, service } = fakeDeps();
    await service.searchByTitle({ q: "  redis " });
    expect(posts.findItemsByTitle).toHaveBeenCalledWith("redis", { skip: 0, take: 20 });
    await expect(service.searchByTitle({ q: "ab" })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(service.searchByTitle({ q: "x".repeat(101) })).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("imports a post for a known author and refuses an unknown one without writing", async () => {
    const { posts, service } = fakeDeps();
    await expect(service.importPost({ userId: 7, title: " Hi ", body: "There" })).resolves.toMatchObject({
      id: 9,
      title: "Hi",
    });

    const unknown = fakeDeps({}, { exists: vi.fn(async () => false) });
    await expect(unknown.service.importPost({ userId: 8, title: "Hi", body: "There" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      details: { entity: "User", id: 8 },
    });
    expect(unknown.posts.create).not.toHaveBeenCalled();
    expect(posts.create).toHaveBeenCalledTimes(1);
  });

  it("rejects an empty title, naming it", async () => {
    const { posts, service } = fakeDeps();
    await expect(service.importPost({ userId: 7, title: "   ", body: "x" })).rejects.toMatchObject({
      code: "VALIDATION",
      details: { issues: [{ field: "title" }] },
    });
    expect(posts.create).not.toHaveBeenCalled();
  });

  it("imports posts all or nothing", async () => {
    const { posts, service } = fakeDeps({}, { findExistingIds: vi.fn(async () => new Set([1])) });
    await expect(
      service.createPosts([
        { userId: 1, title: "a", body: "b" },
        { userId: 2, title: "c", body: "d" },
      ]),
    ).rejects.toMatchObject({ code: "NOT_FOUND", details: { id: 2 } });
    expect(posts.createMany).not.toHaveBeenCalled();

    const ok = fakeDeps();
    await expect(ok.service.createPosts([{ userId: 1, title: "a", body: "b" }])).resolves.toBe(1);
  });

  describe("caching (lists 5 minutes)", () => {
    it("reads a feed page from the repository once, then from the cache", async () => {
      const { posts, service } = fakeDeps();
      const first = await service.getFeedPage({ page: 1 });
      await expect(service.getFeedPage({ page: "1" })).resolves.toEqual(first);
      expect(posts.findFeedItems).toHaveBeenCalledOnce();
      await service.getFeedPage({ page: 2 });
      expect(posts.findFeedItems).toHaveBeenCalledTimes(2); // another page, another entry
    });

    it("caches author pages and searches, but not an unknown author", async () => {
      const { posts, service } = fakeDeps({
        findItemsByAuthor: vi.fn(async () => [summary(1)]),
        countByAuthor: vi.fn(async () => 1),
      });
      await service.getPostsByAuthor({ userId: 7 });
      await service.getPostsByAuthor({ userId: 7 });
      expect(posts.findItemsByAuthor).toHaveBeenCalledOnce();
      await service.searchByTitle({ q: "post" });
      await service.searchByTitle({ q: " post " });
      expect(posts.findItemsByTitle).toHaveBeenCalledOnce();

      const unknown = fakeDeps({}, { exists: vi.fn(async () => false) });
      await expect(unknown.service.getPostsByAuthor({ userId: 8 })).rejects.toBeInstanceOf(NotFoundError);
      await expect(unknown.service.getPostsByAuthor({ userId: 8 })).rejects.toBeInstanceOf(NotFoundError);
      expect(unknown.posts.countByAuthor).toHaveBeenCalledTimes(2);
    });

    it("a new post makes every list stale", async () => {
      const { posts, service } = fakeDeps();
      await service.getFeedPage();
      await service.searchByTitle({ q: "post" });
      await service.importPost({ userId: 7, title: "New", body: "." });
      await service.getFeedPage();
      await service.searchByTitle({ q: "post" });
      expect(posts.findFeedItems).toHaveBeenCalledTimes(2);
      expect(posts.findItemsByTitle).toHaveBeenCalledTimes(2);
    });

    it("invalidates the lists, the counts and each author's profile after a write, and nothing after a refused one", async () => {
      const cache = { getCached: vi.fn(), invalidate: vi.fn(async () => {}) };
      const { posts, users, limiter } = fakeDeps();
      const service = new PostService({ posts, users, cache, limiter });
      await service.createPosts([
        { userId: 1, title: "a", body: "." },
        { userId: 2, title: "b", body: "." },
      ]);
      expect(cache.invalidate).toHaveBeenCalledWith("post-lists", "post-counts", "user:1", "user:2");
      vi.mocked(users.exists).mockResolvedValueOnce(false);
      await expect(service.importPost({ userId: 3, title: "c", body: "." })).rejects.toBeInstanceOf(NotFoundError);
      expect(cache.invalidate).toHaveBeenCalledOnce();
    });
  });
});
