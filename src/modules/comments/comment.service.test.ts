import { describe, expect, it, vi } from "vitest";
import { createMemoryRateLimiter } from "@/lib/rate-limit";
import { createTestCache } from "#tests/cache";
import { CommentService, type CommentServiceDeps } from "./comment.service";

function fakeDeps({ postExists = true, userExists = true, total = 0 } = {}) {
  const deps = {
    comments: {
      findItemsByPost: vi.fn(async () => []),
      countByPost: vi.fn(async () => total),
      findOwners: vi.fn(async () => null),
      create: vi.fn(async (data: { postId: number; userId: number; body: string }) => ({
        id: 1,
        createdAt: new Date(0),
        ...data,
      })),
      createMany: vi.fn(async (rows: unknown[]) => rows.length),
      deleteById: vi.fn(async () => true),
    },
    posts: {
      exists: vi.fn(async () => postExists),
      findAuthorId: vi.fn(async () => (postExists ? 7 : null)),
      findExistingIds: vi.fn(async (ids: number[]) => new Set(postExists ? ids : [])),
    },
    users: {
      exists: vi.fn(async () => userExists),
      findExistingIds: vi.fn(async (ids: number[]) => new Set(userExists ? ids : [])),
    },
    cache: createTestCache(),
    limiter: createMemoryRateLimiter(),
  } satisfies CommentServiceDeps;
  return { ...deps, service: new CommentService(deps) };
}

describe("CommentService", () => {
  it("pages a post's comments", async () => {
    const { comments, service } = fakeDeps({ total: 45 });
    const page = await service.getCommentsForPost({ postId: 3, page: "2" });
    expect(comments.findItemsByPost).toHaveBeenCalledWith(3, { skip: 20, take: 20 });
    expect(page).toMatchObject({ page: 2, totalPages: 3 });
  });

  it("throws not found for the comments of an unknown post", async () => {
    const { service } = fakeDeps({ postExists: false });
    await expect(service.getCommentsForPost({ postId: 3 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("imports a comment only when the post and the author exist", async () => {
    const ok = fakeDeps();
    await expect(ok.service.importComment({ postId: 1, userId: 2, body: "Nice" })).resolves.toMatchObject({ id: 1 });

    const noPost = fakeDeps({ postExists: false });
    await expect(noPost.service.importComment({ postId: 1, userId: 2, body: "Nice" })).rejects.toMatchObject({
      details: { entity: "Post" },
    });
    const noUser = fakeDeps({ userExists: false });
    await expect(noUser.service.importComment({ postId: 1, userId: 2, body: "Nice" })).rejects.toMatchObject({
      details: { entity: "User" },
    });
    expect(noPost.comments.create).not.toHaveBeenCalled();
    expect(noUser.comments.create).not.toHaveBeenCalled();
  });

  it("rejects an empty body naming the field", async () => {
    const { comments, service } = fakeDeps();
    await expect(service.importComment({ postId: 1, userId: 2, body: "" })).rejects.toMatchObject({
      code: "VALIDATION",
      details: { issues: [{ field: "body" }] },
    });
    expect(comments.create).not.toHaveBeenCalled();
  });

  it("imports comments all or nothing", async () => {
    const noPost = fakeDeps({ postExists: false });
    await expect(noPost.service.createComments([{ postId: 1, userId: 2, body: "x" }])).rejects.toMatchObject({
      details: { entity: "Post", id: 1 },
    });
    const noUser = fakeDeps({ userExists: false });
    await expect(noUser.service.createComments([{ postId: 1, userId: 2, body: "x" }])).rejects.toMatchObject({
      details: { entity: "User", id: 2 },
    });
    expect(noPost.comments.createMany).not.toHaveBeenCalled();
    expect(noUser.comments.createMany).not.toHaveBeenCalled();
    await expect(fakeDeps().service.createComments([{ postId: 1, userId: 2, body: "x" }])).resolves.toBe(1);
  });

  it("reads a comments page once, and a new comment on that post makes it and the lists stale", async () => {
    const deps = fakeDeps({ total: 3 });
    await deps.service.getCommentsForPost({ postId: 3 });
    await deps.service.getCommentsForPost({ postId: 3 });
    expect(deps.comments.findItemsByPost).toHaveBeenCalledOnce();

    const invalidate = vi.spyOn(deps.cache, "invalidate");
    await deps.service.importComment({ postId: 3, userId: 2, body: "Nice" });
    expect(invalidate).toHaveBeenCalledWith("post:3:comments", "post-lists");
    await deps.service.getCommentsForPost({ postId: 3 });
    expect(deps.comments.findItemsByPost).toHaveBeenCalledTimes(2);

    await deps.service.createComments([
      { postId: 3, userId: 2, body: "a" },
      { postId: 4, userId: 2, body: "b" },
    ]);
    expect(invalidate).toHaveBeenLastCalledWith("post-lists", "post:3:comments", "post:4:comments");
  });
});
