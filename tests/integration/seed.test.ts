import { describe, expect, it } from "vitest";
import { seed } from "../../prisma/seed";
import { setupTestDatabase } from "../support/test-database";

const t = setupTestDatabase();
const small = { users: 5, posts: 40, comments: 90 };

async function snapshot() {
  return {
    users: await t.db.user.findMany({
      select: { id: true, email: true, name: true, createdAt: true },
      orderBy: { id: "asc" },
    }),
    posts: await t.db.post.findMany({
      select: { id: true, title: true, userId: true, createdAt: true },
      orderBy: { id: "asc" },
    }),
    comments: await t.db.comment.count(),
  };
}

describe("seed", () => {
  it("writes the requested amounts through the services", async () => {
    await seed(t.db, small);
    const data = await snapshot();
    expect(data.users).toHaveLength(5);
    expect(data.posts).toHaveLength(40);
    expect(data.comments).toBe(90);
    await expect(t.services.config.isEnabled("live-search")).resolves.toBe(true);
  });

  it("is deterministic: a second run gives the same rows", async () => {
    await seed(t.db, small);
    const first = await snapshot();
    await seed(t.db, small);
    expect(await snapshot()).toEqual(first);
  });
});
