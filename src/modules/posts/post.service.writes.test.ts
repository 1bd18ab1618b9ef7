import { describe, expect, it, vi } from "vitest";
import { createMemoryRateLimiter, RATE_LIMITS, type RateLimiter } from "@/lib/rate-limit";
import type { Actor } from "@/modules/users/user.types";
import { createTestCache } from "#tests/cache";
import { PostService } from "./post.service";

// Who may write what, decided by the service from the acting user (ADR 0094).

const author: Actor = { id: 7, role: "member", emailVerified: true };
const stranger: Actor = { id: 8, role: "member", emailVerified: true };
const admin: Actor = { id: 9, role: "admin", emailVerified: true };
const unverified: Actor = { id: 7, role: "member", emailVerified: false };

function setup({ authorId = 7 as number | null, limiter = createMemoryRateLimiter() as RateLimiter } = {}) {
  const row = { id: 5, title: "Old", body: "Old body", userId: 7, createdAt: new Date(0) };
  const posts = {
    findFeedItems: vi.fn(async () => []),
    countAll: vi.fn(async () => 0),
    countAllOrEstimate: vi.fn(async () => ({ total: 0, estimated: false })),
    findFeedItemsAfter: vi.fn(async () => []),
    findItemsByAuthor: vi.fn(async () => []),
    countByAuthor: vi.fn(async () => 0),
    findItemsByTitle: vi.fn(async () => []),
    countByTitle: vi.fn(async () => 0),
    findById: vi.fn(async () => null),
    findAuthorId: vi.fn(async () => authorId),
    create: vi.fn(async (data: { userId: number; title: string; body: string }) => ({ ...row, ...data, id: 6 })),
    createMany: vi.fn(async () => 0),
    updateById: vi.fn(async (id: number, changes: object) => ({ ...row, id, ...changes })),
    deleteById: vi.fn(async () => true),
  };
  const users = { exists: vi.fn(async () => true), findExistingIds: vi.fn(async () => new Set<number>()) };
  const cache = createTestCache();
  const invalidate = vi.spyOn(cache, "invalidate");
  return { posts, invalidate, service: new PostService({ posts, users, cache, limiter }) };
}

describe("PostService writes", () => {
  it("refuses a write without a signed-in user (401) before reading the input", async () => {
    const { posts, service } = setup();
    await expect(service.createPost(null, { title: "" })).rejects.toMatchObject({ code: "UNAUTHORIZED", status: 401 });
    await expect(service.updatePost(null, { id: 5, title: "x" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(service.deletePost(null, { id: 5 })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(posts.findAuthorId).not.toHaveBeenCalled();
    expect(posts.create).not.toHaveBeenCalled();
  });

  it("refuses a user whose email is not confirmed (403) with a reason the UI can act on", async () => {
    const { posts, service } = setup();
    const error = await service.createPost(unverified, { title: "Hi", body: "There" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "FORBIDDEN", status: 403, details: { reason: "email_unverified" } });
    expect((error as Error).message).toMatch(/confirm your email/i);
    await expect(service.deletePost(unverified, { id: 5 })).rejects.toMatchObject({
      details: { reason: "email_unverified" },
    });
    expect(posts.create).not.toHaveBeenCalled();
    expect(posts.deleteById).not.toHaveBeenCalled();
  });

  it("creates a post for the acting user, whatever author the input names, and refreshes the lists", async () => {
    const { posts, invalidate, service } = setup();
    const post = await service.createPost(author, { title: " Hi ", body: "There", userId: 1, createdAt: new Date(0) });
    expect(post).toMatchObject({ id: 6, title: "Hi", userId: 7 });
    expect(posts.create).toHaveBeenCalledWith({ title: "Hi", body: "There", userId: 7 });
    expect(invalidate).toHaveBeenCalledWith("post-lists", "post-counts", "user:7");
  });

  it("names the bad field of a new post", async () => {
    const { service } = setup();
    await expect(service.createPost(author, { title: "Hi" })).rejects.toMatchObject({
      code: "VALIDATION",
      details: { issues: [{ field: "body" }] },
    });
  });

  it.each([
    ["its author", author],
    ["an admin", admin],
  ])("lets %s edit a post", async (_, actor) => {
    const { posts, service } = setup();
    await expect(service.updatePost(actor, { id: "5", title: "New" })).resolves.toMatchObject({ id: 5, title: "New" });
    expect(posts.updateById).toHaveBeenCalledWith(5, { title: "New" });
  });

  it("refuses anyone else (403), without writing", async () => {
    const { posts, invalidate, service } = setup();
    await expect(service.updatePost(stranger, { id: 5, title: "Mine now" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      details: { reason: "not_owner" },
    });
    await expect(service.deletePost(stranger, { id: 5 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(posts.updateById).not.toHaveBeenCalled();
    expect(posts.deleteById).not.toHaveBeenCalled();
    expect(invalidate).not.toHaveBeenCalled();
  });

  it("answers 404 for an unknown post, and for one deleted between the check and the write", async () => {
    const unknown = setup({ authorId: null });
    await expect(unknown.service.updatePost(admin, { id: 5, title: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(unknown.service.deletePost(admin, { id: 5 })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const vanished = setup();
    vanished.posts.updateById.mockResolvedValueOnce(null as never);
    vanished.posts.deleteById.mockResolvedValueOnce(false);
    await expect(vanished.service.updatePost(author, { id: 5, body: "x" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(vanished.service.deletePost(author, { id: 5 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(vanished.invalidate).not.toHaveBeenCalled();
  });

  it("refuses an edit that changes nothing, naming both fields", async () => {
    const { posts, service } = setup();
    const error = await service.updatePost(author, { id: 5 }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "VALIDATION",
      details: { issues: [{ field: "title" }, { field: "body" }] },
    });
    expect((error as Error).message).toContain("title, body");
    expect(posts.findAuthorId).not.toHaveBeenCalled();
  });

  it("refreshes the lists and counts after a title edit, and nothing after a body edit (no cached read shows it)", async () => {
    const { invalidate, service } = setup();
    await service.updatePost(author, { id: 5, body: "New body" });
    expect(invalidate).not.toHaveBeenCalled();
    await service.updatePost(author, { id: 5, title: "New title" });
    expect(invalidate).toHaveBeenCalledWith("post-lists", "post-counts");
  });

  it("deletes a post for its author or an admin, refreshing the lists, the author's profile and its comments", async () => {
    for (const actor of [author, admin]) {
      const { posts, invalidate, service } = setup();
      await expect(service.deletePost(actor, { id: 5 })).resolves.toEqual({ id: 5, userId: 7 });
      expect(posts.deleteById).toHaveBeenCalledWith(5);
      // The author's tag, not the deleter's: an admin's deletion changes the author's profile.
      expect(invalidate).toHaveBeenCalledWith("post-lists", "post-counts", "user:7", "post:5:comments");
    }
  });

  it("limits writes per user (429 with the wait), before reading the input", async () => {
    const limiter = createMemoryRateLimiter({ ...RATE_LIMITS, write: { limit: 2, windowSeconds: 60 } });
    const { posts, service } = setup({ limiter });
    await service.createPost(author, { title: "1", body: "." });
    await service.deletePost(author, { id: 5 });
    const error = await service.createPost(author, { title: "" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "RATE_LIMITED", status: 429, details: { retryAfterSeconds: 60 } });
    expect(posts.create).toHaveBeenCalledTimes(1);
    // Another user has their own allowance.
    await expect(service.createPost(admin, { title: "2", body: "." })).resolves.toMatchObject({ userId: 9 });
  });
});
