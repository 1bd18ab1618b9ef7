import { describe, expect, it, vi } from "vitest";
import { createMemoryRateLimiter, RATE_LIMITS } from "@/lib/rate-limit";
import type { Actor } from "@/modules/users/user.types";
import { createTestCache } from "#tests/cache";
import { CommentService } from "./comment.service";

// Who may comment and delete comments, decided by the service from the acting user (ADR 0094).

const actor = (id: number, role: Actor["role"] = "member", emailVerified = true): Actor => ({
  id,
  role,
  emailVerified,
});
// Comment 3 on post 5: written by user 2 on a post by user 7.
const OWNERS = { authorId: 2, postId: 5, postAuthorId: 7 };

function setup({
  postExists = true,
  owners = OWNERS as typeof OWNERS | null,
  limiter = createMemoryRateLimiter(),
} = {}) {
  const comments = {
    findItemsByPost: vi.fn(async () => []),
    countByPost: vi.fn(async () => 0),
    findOwners: vi.fn(async () => owners),
    create: vi.fn(async (data: { postId: number; userId: number; body: string }) => ({
      id: 3,
      createdAt: new Date(0),
      ...data,
    })),
    createMany: vi.fn(async () => 0),
    deleteById: vi.fn(async () => true),
  };
  const posts = {
    exists: vi.fn(async () => postExists),
    findAuthorId: vi.fn(async () => (postExists ? 7 : null)),
    findExistingIds: vi.fn(async () => new Set<number>()),
  };
  const users = { exists: vi.fn(async () => true), findExistingIds: vi.fn(async () => new Set<number>()) };
  const cache = createTestCache();
  const invalidate = vi.spyOn(cache, "invalidate");
  return { comments, invalidate, service: new CommentService({ comments, posts, users, cache, limiter }) };
}

describe("CommentService writes", () => {
  it("refuses without a signed-in user (401) and with an unconfirmed email (403)", async () => {
    const { comments, service } = setup();
    await expect(service.createComment(null, { postId: 5, body: "Hi" })).rejects.toMatchObject({ status: 401 });
    await expect(service.deleteComment(null, { id: 3 })).rejects.toMatchObject({ status: 401 });
    await expect(service.createComment(actor(2, "member", false), { postId: 5, body: "Hi" })).rejects.toMatchObject({
      status: 403,
      details: { reason: "email_unverified" },
    });
    expect(comments.create).not.toHaveBeenCalled();
    expect(comments.findOwners).not.toHaveBeenCalled();
  });

  it("comments as the acting user, whatever author the input names, and refreshes the post's comments and the lists", async () => {
    const { comments, invalidate, service } = setup();
    await expect(service.createComment(actor(2), { postId: "5", body: " Nice ", userId: 1 })).resolves.toMatchObject({
      id: 3,
      userId: 2,
      body: "Nice",
    });
    expect(comments.create).toHaveBeenCalledWith({ postId: 5, body: "Nice", userId: 2 });
    expect(invalidate).toHaveBeenCalledWith("post:5:comments", "post-lists");
  });

  it("answers 404 for a comment on an unknown post and 400 naming an empty body", async () => {
    await expect(
      setup({ postExists: false }).service.createComment(actor(2), { postId: 5, body: "Hi" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", details: { entity: "Post", id: 5 } });
    await expect(setup().service.createComment(actor(2), { postId: 5, body: " " })).rejects.toMatchObject({
      code: "VALIDATION",
      details: { issues: [{ field: "body" }] },
    });
  });

  it("answers 404, and refreshes nothing, when the post is deleted between the check and the insert", async () => {
    const { comments, invalidate, service } = setup();
    comments.create.mockResolvedValueOnce(null as never);
    await expect(service.createComment(actor(2), { postId: 5, body: "Hi" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      details: { entity: "Post", id: 5 },
    });
    expect(invalidate).not.toHaveBeenCalled();
  });

  it.each([
    ["the comment's author", actor(2)],
    ["the post's author", actor(7)],
    ["an admin", actor(9, "admin")],
  ])("lets %s delete a comment", async (_, deleter) => {
    const { comments, invalidate, service } = setup();
    await expect(service.deleteComment(deleter, { id: "3" })).resolves.toEqual({ id: 3, postId: 5, postAuthorId: 7 });
    expect(comments.deleteById).toHaveBeenCalledWith(3);
    expect(invalidate).toHaveBeenCalledWith("post:5:comments", "post-lists");
  });

  it("refuses anyone else (403) without deleting, and answers 404 for an unknown comment", async () => {
    const { comments, invalidate, service } = setup();
    await expect(service.deleteComment(actor(8), { id: 3 })).rejects.toMatchObject({
      code: "FORBIDDEN",
      details: { reason: "not_owner" },
    });
    expect(comments.deleteById).not.toHaveBeenCalled();
    expect(invalidate).not.toHaveBeenCalled();
    await expect(setup({ owners: null }).service.deleteComment(actor(9, "admin"), { id: 3 })).rejects.toMatchObject({
      code: "NOT_FOUND",
      details: { entity: "Comment", id: 3 },
    });
    const vanished = setup();
    vanished.comments.deleteById.mockResolvedValueOnce(false);
    await expect(vanished.service.deleteComment(actor(2), { id: 3 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("shares the per-user write limit with posts (429)", async () => {
    const limiter = createMemoryRateLimiter({ ...RATE_LIMITS, write: { limit: 1, windowSeconds: 60 } });
    const { service } = setup({ limiter });
    await service.createComment(actor(2), { postId: 5, body: "One" });
    await expect(service.deleteComment(actor(2), { id: 3 })).rejects.toMatchObject({ code: "RATE_LIMITED" });
  });
});
