import { describe, expect, it } from "vitest";
import { parseSeedArgs, seed, seedIfEmpty } from "../../prisma/seed";
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

describe("seedIfEmpty", () => {
  it("seeds only a database without users", async () => {
    await t.db.$executeRawUnsafe("TRUNCATE comments, posts, users RESTART IDENTITY CASCADE");
    await expect(seedIfEmpty(t.url, small)).resolves.toBe(true);
    await expect(seedIfEmpty(t.url, small)).resolves.toBe(false);
    expect(await t.db.post.count()).toBe(40);
  });
});

describe("parseSeedArgs", () => {
  it("reads sizes and --reset", () => {
    expect(parseSeedArgs(["--posts=100000", "--reset"])).toEqual({
      reset: true,
      options: { users: 50, posts: 100_000, comments: 6_000 },
    });
    expect(parseSeedArgs([])).toEqual({ reset: false, options: { users: 50, posts: 2_000, comments: 6_000 } });
  });

  it("names an unknown argument", () => {
    expect(() => parseSeedArgs(["--post=3"])).toThrow(/Unknown argument --post=3/);
  });
});
