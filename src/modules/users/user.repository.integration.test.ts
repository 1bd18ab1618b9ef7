import { describe, expect, it } from "vitest";
import { factories } from "#tests/factories";
import { setupTestDatabase } from "#tests/test-database";
import { UserRepository } from "./user.repository";

const t = setupTestDatabase();
const { createUser, createPost } = factories(() => t.services);

describe("UserRepository", () => {
  it("reads a profile with its post count, without the email, in constant queries", async () => {
    const user = await createUser({ name: "Margaret" });
    for (let i = 0; i < 4; i++) await createPost({ userId: user.id });
    t.resetQueries();
    const profile = await new UserRepository(t.db).findProfileById(user.id);
    expect(profile).toEqual({ id: user.id, name: "Margaret", role: "member", createdAt: user.createdAt, postCount: 4 });
    expect(profile).not.toHaveProperty("email");
    expect(t.queries.length).toBeLessThanOrEqual(2);
  });

  it("writes and reads the role", async () => {
    const admin = await createUser({ role: "admin" });
    expect(admin.role).toBe("admin");
    await expect(new UserRepository(t.db).findProfileById(admin.id)).resolves.toMatchObject({ role: "admin" });
  });

  it("returns null for an unknown id and tells which ids exist", async () => {
    const repo = new UserRepository(t.db);
    const user = await createUser();
    await expect(repo.findProfileById(2_000_000)).resolves.toBeNull();
    await expect(repo.exists(user.id)).resolves.toBe(true);
    await expect(repo.findExistingIds([user.id, 2_000_000])).resolves.toEqual(new Set([user.id]));
  });

  it("refuses a second account with the same email", async () => {
    await createUser({ email: "same@example.com" });
    await expect(createUser({ email: "SAME@example.com" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await t.db.user.count({ where: { email: "same@example.com" } })).toBe(1);
  });
});
