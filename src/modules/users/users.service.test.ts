import { describe, expect, it, vi } from "vitest";
import { NotFoundError } from "@/lib/errors";
import { createTestCache } from "../../../tests/support/cache";
import { UserService, type UserStore } from "./users.service";
import type { UserRole } from "./users.types";

function fakeStore(overrides: Partial<UserStore> = {}) {
  return {
    findProfileById: vi.fn(async () => null),
    findByEmail: vi.fn(async () => null),
    create: vi.fn(async (data: { email: string; name: string; role: UserRole }) => ({
      id: 1,
      createdAt: new Date(0),
      ...data,
    })),
    ...overrides,
  } satisfies UserStore;
}

describe("UserService", () => {
  it("throws NotFoundError for an unknown user", async () => {
    const service = new UserService({ users: fakeStore(), cache: createTestCache() });
    await expect(service.getProfile(123)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("returns the profile of a known user", async () => {
    const profile = { id: 1, name: "Ada", role: "member" as const, createdAt: new Date(0), postCount: 3 };
    const store = fakeStore({ findProfileById: vi.fn(async () => profile) });
    await expect(new UserService({ users: store, cache: createTestCache() }).getProfile(1)).resolves.toEqual(profile);
    expect(store.findProfileById).toHaveBeenCalledWith(1);
  });

  it("normalises the email and refuses a duplicate with a conflict", async () => {
    const store = fakeStore();
    const service = new UserService({ users: store, cache: createTestCache() });
    await expect(service.createUser({ email: "Ada@Example.COM", name: " Ada " })).resolves.toMatchObject({
      email: "ada@example.com",
      name: "Ada",
    });

    const taken = fakeStore({ findByEmail: vi.fn(async () => ({ id: 1 })) });
    await expect(
      new UserService({ users: taken, cache: createTestCache() }).createUser({ email: "ada@example.com", name: "Ada" }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(taken.create).not.toHaveBeenCalled();
  });

  it("makes a member unless told otherwise, and writes the role it is given", async () => {
    const store = fakeStore();
    const service = new UserService({ users: store, cache: createTestCache() });
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
      new UserService({ users: store, cache: createTestCache() }).createUser({
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
      new UserService({ users: store, cache: createTestCache() }).createUser({ email: "nope", name: "Ada" }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      details: { issues: [{ field: "email" }] },
    });
    expect(store.create).not.toHaveBeenCalled();
  });

  it("reads a profile from the repository once, then from the cache (the article's test)", async () => {
    const profile = { id: 1, name: "Ada", role: "member" as const, createdAt: new Date(0), postCount: 3 };
    const store = fakeStore({ findProfileById: vi.fn(async () => profile) });
    const service = new UserService({ users: store, cache: createTestCache() });
    await service.getProfile(1);
    await expect(service.getProfile(1)).resolves.toEqual(profile);
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
    await new UserService({ users: store, cache }).getProfile(5);
    expect(getCached).toHaveBeenCalledWith("users:5:profile", expect.any(Function), {
      ttl: 3600,
      tags: ["user:5"],
    });
  });

  it("does not cache an unknown user, who may sign up next", async () => {
    const store = fakeStore();
    const service = new UserService({ users: store, cache: createTestCache() });
    await expect(service.getProfile(9)).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.getProfile(9)).rejects.toBeInstanceOf(NotFoundError);
    expect(store.findProfileById).toHaveBeenCalledTimes(2);
  });
});
