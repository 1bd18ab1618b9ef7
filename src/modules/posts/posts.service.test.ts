import { describe, expect, it, vi } from "vitest";
import { AppError, NotFoundError } from "@/lib/errors";
import { createTestCache } from "../../../tests/support/cache";
import { PostService, type PostServiceDeps } from "./posts.service";
import type { PostDetail, PostSummary } from "./posts.types";

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
    findFeedPage: vi.fn(async () => ({ items: [summary(1), summary(2)], total: 42 })),
    findPageByAuthor: vi.fn(async () => ({ items: [], total: 0 })),
    findPageByTitle: vi.fn(async () => ({ items: [summary(3)], total: 1 })),
    findById: vi.fn(async (): Promise<PostDetail | null> => null),
    create: vi.fn(async (data: { userId: number; title: string }) => ({ id: 9, createdAt: new Date(0), ...data })),
    createMany: vi.fn(async (rows: unknown[]) => rows.length),
    ...overrides,
  };
  const userRepo = {
    exists: vi.fn(async () => true),
    findExistingIds: vi.fn(async (ids: number[]) => new Set(ids)),
    ...users,
  };
  return { posts, users: userRepo, service: new PostService({ posts, users: userRepo, cache: createTestCache() }) };
}

describe("PostService", () => {
  it("reads a feed page with the article's defaults: 20 a page, from the first row", async () => {
    const { posts, service } = fakeDeps();
    const page = await service.getFeedPage();
    expect(posts.findFeedPage).toHaveBeenCalledWith({ skip: 0, take: 20 });
    expect(page).toMatchObject({ page: 1, pageSize: 20, total: 42, totalPages: 3 });
    expect(page.items).toHaveLength(2);
  });

  it("turns page and page size into skip and take", async () => {
    const { posts, service } = fakeDeps();
    await service.getFeedPage({ page: 3, pageSize: 50 });
    expect(posts.findFeedPage).toHaveBeenCalledWith({ skip: 100, take: 50 });
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
    expect(posts.findFeedPage).not.toHaveBeenCalled();
  });

  it("throws NotFoundError for an unknown post", async () => {
    const { service } = fakeDeps();
    await expect(service.getPost(404)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("returns a known post", async () => {
    const post: PostDetail = { ...summary(5), body: "Hello" };
    const { service } = fakeDeps({ findById: vi.fn(async () => post) });
    await expect(service.getPost(5)).resolves.toEqual(post);
  });

  it("tells an author with no posts from an unknown author", async () => {
    const known = fakeDeps();
    await expect(known.service.getPostsByAuthor({ userId: 7 })).resolves.toMatchObject({ items: [], total: 0 });

    const unknown = fakeDeps({}, { exists: vi.fn(async () => false) });
    await expect(unknown.service.getPostsByAuthor({ userId: 8 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("does not look the author up when the page has posts", async () => {
    const { users, service } = fakeDeps({ findPageByAuthor: vi.fn(async () => ({ items: [summary(1)], total: 1 })) });
    await service.getPostsByAuthor({ userId: 7 });
    expect(users.exists).not.toHaveBeenCalled();
  });

  it("searches with trimmed text of at least three characters", async () => {
    const { posts, service } = fakeDeps();
    await service.searchByTitle({ q: "  redis " });
    expect(posts.findPageByTitle).toHaveBeenCalledWith("redis", { skip: 0, take: 20 });
    await expect(service.searchByTitle({ q: "ab" })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(service.searchByTitle({ q: "x".repeat(101) })).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("creates a post for a known author and refuses an unknown one without writing", async () => {
    const { posts, service } = fakeDeps();
    await expect(service.createPost({ userId: 7, title: " Hi ", body: "There" })).resolves.toMatchObject({
      id: 9,
      title: "Hi",
    });

    const unknown = fakeDeps({}, { exists: vi.fn(async () => false) });
    await expect(unknown.service.createPost({ userId: 8, title: "Hi", body: "There" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      details: { entity: "User", id: 8 },
    });
    expect(unknown.posts.create).not.toHaveBeenCalled();
    expect(posts.create).toHaveBeenCalledTimes(1);
  });

  it("rejects an empty title, naming it", async () => {
    const { posts, service } = fakeDeps();
    await expect(service.createPost({ userId: 7, title: "   ", body: "x" })).rejects.toMatchObject({
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
      expect(posts.findFeedPage).toHaveBeenCalledOnce();
      await service.getFeedPage({ page: 2 });
      expect(posts.findFeedPage).toHaveBeenCalledTimes(2); // another page, another entry
    });

    it("caches author pages and searches, but not an unknown author", async () => {
      const { posts, service } = fakeDeps({ findPageByAuthor: vi.fn(async () => ({ items: [summary(1)], total: 1 })) });
      await service.getPostsByAuthor({ userId: 7 });
      await service.getPostsByAuthor({ userId: 7 });
      expect(posts.findPageByAuthor).toHaveBeenCalledOnce();
      await service.searchByTitle({ q: "post" });
      await service.searchByTitle({ q: " post " });
      expect(posts.findPageByTitle).toHaveBeenCalledOnce();

      const unknown = fakeDeps({}, { exists: vi.fn(async () => false) });
      await expect(unknown.service.getPostsByAuthor({ userId: 8 })).rejects.toBeInstanceOf(NotFoundError);
      await expect(unknown.service.getPostsByAuthor({ userId: 8 })).rejects.toBeInstanceOf(NotFoundError);
      expect(unknown.posts.findPageByAuthor).toHaveBeenCalledTimes(2);
    });

    it("a new post makes every list stale", async () => {
      const { posts, service } = fakeDeps();
      await service.getFeedPage();
      await service.searchByTitle({ q: "post" });
      await service.createPost({ userId: 7, title: "New", body: "." });
      await service.getFeedPage();
      await service.searchByTitle({ q: "post" });
      expect(posts.findFeedPage).toHaveBeenCalledTimes(2);
      expect(posts.findPageByTitle).toHaveBeenCalledTimes(2);
    });

    it("invalidates the lists and each author's profile after a write, and nothing after a refused one", async () => {
      const cache = { getCached: vi.fn(), invalidate: vi.fn(async () => {}) };
      const { posts, users } = fakeDeps();
      const service = new PostService({ posts, users, cache });
      await service.createPosts([
        { userId: 1, title: "a", body: "." },
        { userId: 2, title: "b", body: "." },
      ]);
      expect(cache.invalidate).toHaveBeenCalledWith("post-lists", "user:1", "user:2");
      vi.mocked(users.exists).mockResolvedValueOnce(false);
      await expect(service.createPost({ userId: 3, title: "c", body: "." })).rejects.toBeInstanceOf(NotFoundError);
      expect(cache.invalidate).toHaveBeenCalledOnce();
    });
  });
});
