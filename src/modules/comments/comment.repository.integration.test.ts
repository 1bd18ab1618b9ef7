import { describe, expect, it } from "vitest";
import { factories } from "#tests/factories";
import { setupTestDatabase } from "#tests/test-database";
import { CommentRepository } from "./comment.repository";

const t = setupTestDatabase();
const { createUser, createPost, createComment } = factories(() => t.services);

describe("CommentRepository", () => {
  it("pages a post's comments oldest first with their authors, in constant queries", async () => {
    const author = await createUser({ name: "Linus" });
    const post = await createPost();
    for (let i = 0; i < 12; i++) {
      await createComment({ postId: post.id, userId: author.id, createdAt: new Date(Date.UTC(2026, 1, 1 + (i % 4))) });
    }
    const repo = new CommentRepository(t.db);
    t.resetQueries();
    const first = await repo.findPageByPost(post.id, { skip: 0, take: 5 });
    const queriesForFive = t.queries.length;
    t.resetQueries();
    const all = await repo.findPageByPost(post.id, { skip: 0, take: 12 });
    expect(t.queries.length).toBe(queriesForFive);
    expect(first.total).toBe(12);
    expect(all.items[0]!.author).toEqual({ id: author.id, name: "Linus" });
    const keys = all.items.map((c) => [c.createdAt.getTime(), c.id] as const);
    expect(keys).toEqual([...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
    expect(all.items.slice(0, 5).map((c) => c.id)).toEqual(first.items.map((c) => c.id));
  });

  it("writes nothing when a bulk import names an unknown post", async () => {
    const author = await createUser();
    const post = await createPost();
    await expect(
      t.services.comments.createComments([
        { postId: post.id, userId: author.id, body: "fine" },
        { postId: 2_000_000, userId: author.id, body: "orphan" },
      ]),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await t.db.comment.count({ where: { postId: post.id } })).toBe(0);
  });

  it("refuses a comment on an unknown post and keeps nothing", async () => {
    const before = await t.db.comment.count();
    const author = await createUser();
    await expect(createComment({ postId: 2_000_000, userId: author.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await t.db.comment.count()).toBe(before);
  });

  it("answers null, not a failure, when the post went away before the insert", async () => {
    const author = await createUser();
    const post = await createPost();
    await t.db.post.delete({ where: { id: post.id } });
    const repo = new CommentRepository(t.db);
    await expect(repo.create({ postId: post.id, userId: author.id, body: "too late" })).resolves.toBeNull();
    // Another foreign key (the author) is still a fault of the caller's.
    const other = await createPost();
    await expect(repo.create({ postId: other.id, userId: 2_000_000, body: "nobody" })).rejects.toMatchObject({
      code: "P2003",
    });
  });
});
