import { describe, expect, it, vi } from "vitest";
import { NotFoundError } from "@/lib/errors";
import { createTestCache } from "#tests/cache";
import { UserService, type UserStore } from "./user.service";
import type { UserRole } from "./user.types";

function fakeStore(overrides: Partial<UserStore> = {}) {
  return {
    findProfileById: vi.fn(async () => null),
    findByEmail: vi.fn(async () => null),
    create: vi.fn(async (data: { email: string; name: string; role: UserRole }) => ({
      id: 1,
      createdAt: new Date(0),
      ...data,
    })),
    updateRoleByEmail: vi.fn(async (email: string, role: UserRole) =>
      email === "ada@example.com" ? { id: 4, email, name: "Ada", role } : null,
    ),
    ...overrides,
  } satisfies UserStore;
}

const noPosts = { findIdsTouchedBy: async () => [] };

describe("UserService", () => {
  it("throws NotFoundError for an unknown user", async () => {
    const service = new UserService({ users: fakeStore(), posts: noPosts, cache: createTestCache() });
    await expect(service.getProfile({ id: 123 })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("returns the profile of a known user", async () => {
    const profile = { id: 1, name: "Ada", role: "member" as const, createdAt: new Date(0), postCount: 3 };
    const store = fakeStore({ findProfileById: vi.fn(async () => profile) });
    await expect(
      new UserService({ users: store, posts: noPosts, cache: createTestCache() }).getProfile({ id: 1 }),
    ).resolves.toEqual(profile);
    expect(store.findProfileById).toHaveBeenCalledWith(1);
  });

  it("normalises the email and refuses a duplicate with a conflict", async () => {
    const store = fakeStore();
    const service = new UserService({ users: store, posts: noPosts, cache: createTestCache() });
    await expect(service.createUser({ email: "Ada@Example.COM", name: " Ada " })).resolves.toMatchObject({
      email: "ada@example.com",
      name: "Ada",
    });

    const taken = fakeStore({ findByEmail: vi.fn(async () => ({ id: 1 })) });
    await expect(
      new UserService({ users: taken, posts: noPosts, cache: createTestCache() }).createUser({
        email: "ada@example.com",
        name: "Ada",
      }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(taken.create).not.toHaveBeenCalled();
  });

  it("makes a member unless told otherwise, and writes the role it is given", async () => {
    const store = fakeStore();
    const service = new UserService({ users: store, posts: noPosts, cache: createTestCache() });
    await expect(service.createUser({ email: "ada@example.com", name: "Ada" })).resolves.toMatchObject({
      role: "member",
    });
    await expect(
      service.createUser({ email: "grace@example.com", name: "Grace", role: "admin" }),
    ).resolves.toMatchObject({
      role: "admin",
    });
    expect(store.create).toHaveBeenLastCalledWith(expect.objectContaining({ role: "admin" }));
  });

  it("rejects an unknown role naming the field", async () => {
    const store = fakeStore();
    await expect(
      new UserService({ users: store, posts: noPosts, cache: createTestCache() }).createUser({
        email: "ada@example.com",
        name: "Ada",
        role: "owner" as UserRole,
      }),
    ).rejects.toMatchObject({ code: "VALIDATION", details: { issues: [{ field: "role" }] } });
    expect(store.create).not.toHaveBeenCalled();
  });

  it("rejects a bad email naming the field", async () => {
    const store = fakeStore();
    await expect(
      new UserService({ users: store, posts: noPosts, cache: createTestCache() }).createUser({
        email: "nope",
        name: "Ada",
      }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      details: { issues: [{ field: "email" }] },
    });
    expect(store.create).not.toHaveBeenCalled();
  });

  it("reads a profile from the repository once, then from the cache (the article's test)", async () => {
    const profile = { id: 1, name: "Ada", role: "member" as const, createdAt: new Date(0), postCount: 3 };
    const store = fakeStore({ findProfileById: vi.fn(async () => profile) });
    const service = new UserService({ users: store, posts: noPosts, cache: createTestCache() });
    await service.getProfile({ id: 1 });
    await expect(service.getProfile({ id: 1 })).resolves.toEqual(profile);
    expect(store.findProfileById).toHaveBeenCalledOnce();
  });

  it("keeps a profile an hour, tagged so that the author's writes refresh it", async () => {
    const cache = createTestCache();
    const getCached = vi.spyOn(cache, "getCached");
    const store = fakeStore({
      findProfileById: vi.fn(async () => ({
        id: 5,
        name: "Ada",
        role: "member" as const,
        createdAt: new Date(0),
        postCount: 0,
      })),
    });
    await new UserService({ users: store, posts: noPosts, cache }).getProfile({ id: 5 });
    expect(getCached).toHaveBeenCalledWith("users:5:profile", expect.any(Function), {
      ttl: 3600,
      tags: ["user:5"],
    });
  });

  it("does not cache an unknown user, who may sign up next", async () => {
    const store = fakeStore();
    const service = new UserService({ users: store, posts: noPosts, cache: createTestCache() });
    await expect(service.getProfile({ id: 9 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.getProfile({ id: 9 })).rejects.toBeInstanceOf(NotFoundError);
    expect(store.findProfileById).toHaveBeenCalledTimes(2);
  });

  it("finds, before an account's deletion, the caches its posts and comments are in, and invalidates them after", async () => {
    const cache = createTestCache();
    const invalidate = vi.spyOn(cache, "invalidate");
    const posts = { findIdsTouchedBy: vi.fn(async () => [4, 9]) };
    const service = new UserService({ users: fakeStore(), posts, cache });
    const deletion = await service.prepareAccountDeletion({ id: "7" });
    expect(posts.findIdsTouchedBy).toHaveBeenCalledWith(7);
    expect(deletion.postIds).toEqual([4, 9]);
    expect(invalidate).not.toHaveBeenCalled();
    await deletion.invalidate();
    expect(invalidate).toHaveBeenCalledWith(
      "post-lists",
      "post-counts",
      "user:7",
      "post:4:comments",
      "post:9:comments",
    );
    await expect(service.prepareAccountDeletion({ id: 0 })).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("after a rename, invalidates the reads that show the name and names the posts whose pages do", async () => {
    const cache = createTestCache();
    const invalidate = vi.spyOn(cache, "invalidate");
    const posts = { findIdsTouchedBy: vi.fn(async () => [4, 9]) };
    const service = new UserService({ users: fakeStore(), posts, cache });
    await expect(service.accountRenamed({ id: "7" })).resolves.toEqual([4, 9]);
    expect(posts.findIdsTouchedBy).toHaveBeenCalledWith(7);
    // The lists, the profile and the comments show the name; no total changed.
    expect(invalidate).toHaveBeenCalledWith("post-lists", "user:7", "post:4:comments", "post:9:comments");
    await expect(service.accountRenamed({ id: "x" })).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("sets a role by email, case-insensitively, and refreshes the cached profile that shows it", async () => {
    let stored: UserRole = "member";
    const store = fakeStore({ findProfileById: vi.fn(async (id: number) => ({ ...profile(id), role: stored })) });
    const service = new UserService({ users: store, posts: noPosts, cache: createTestCache() });
    await expect(service.getProfile({ id: 4 })).resolves.toMatchObject({ role: "member" });
    stored = "admin";
    await expect(service.setRole({ email: "Ada@Example.com", role: "admin" })).resolves.toEqual({
      id: 4,
      email: "ada@example.com",
      name: "Ada",
      role: "admin",
    });
    expect(store.updateRoleByEmail).toHaveBeenCalledWith("ada@example.com", "admin");
    await expect(service.getProfile({ id: 4 })).resolves.toMatchObject({ role: "admin" });
  });

  it("names an unknown email, and a role that does not exist", async () => {
    const service = new UserService({ users: fakeStore(), posts: noPosts, cache: createTestCache() });
    await expect(service.setRole({ email: "nobody@example.com", role: "admin" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      publicMessage: "User nobody@example.com not found",
    });
    await expect(service.setRole({ email: "ada@example.com", role: "owner" })).rejects.toMatchObject({
      details: { issues: [{ field: "role" }] },
    });
  });
});

function profile(id: number) {
  return { id, name: "Ada", createdAt: new Date(0), postCount: 0 };
}
