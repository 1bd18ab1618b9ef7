import { describe, expect, it, vi } from "vitest";
import { createServices, type Services } from "./services";
import { appRouter } from "./routers/app.router";
import { createCallerFactory } from "./trpc";
import { NotFoundError } from "@/lib/errors";
import { noCache } from "@/lib/no-cache";
import { createMemoryRateLimiter } from "@/lib/rate-limit";
import { PostService, type PostServiceDeps } from "@/modules/posts/post.service";
import type { Actor } from "@/modules/users/user.types";

const createCaller = createCallerFactory(appRouter);

function callerWith(posts: Partial<Services["posts"]>, getActor = vi.fn(async (): Promise<Actor | null> => null)) {
  const services = { ...createServices({} as never), posts: posts as Services["posts"] };
  return createCaller({ services, getActor, revalidatePages: async () => [] });
}

describe("tRPC error mapping", () => {
  it("maps an app error to its tRPC code and keeps its message", async () => {
    const caller = callerWith({ getPost: async () => Promise.reject(new NotFoundError("Post", 1)) });
    await expect(caller.posts.byId({ id: 1 })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "Post 1 not found",
    });
  });

  it("hides an unexpected error behind a generic message", async () => {
    const caller = callerWith({ getPost: async () => Promise.reject(new TypeError("secret detail")) });
    const error = await caller.posts.byId({ id: 1 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "INTERNAL_SERVER_ERROR", message: "Something went wrong on our side" });
    expect(String((error as Error).message)).not.toContain("secret");
  });

  it("rejects bad input before any query: the service validates what the procedure passes on", async () => {
    let queried = false;
    const posts = new PostService({
      posts: {
        findById: async () => {
          queried = true;
          throw new Error("unreachable");
        },
      } as unknown as PostServiceDeps["posts"],
      users: {} as PostServiceDeps["users"],
      cache: noCache,
      limiter: createMemoryRateLimiter(),
    });
    const error = await callerWith(posts)
      .posts.byId({ id: -1 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "BAD_REQUEST" });
    expect(error).toMatchObject({ cause: { details: { issues: [{ field: "id" }] } } });
    expect(queried).toBe(false);
  });
});

describe("protectedProcedure", () => {
  const ada: Actor = { id: 3, role: "member", emailVerified: true };

  it("reads the session for mutations only, and hands the actor to the service, which decides", async () => {
    const getActor = vi.fn(async () => ada);
    const createPost = vi.fn(async (actor: Actor | null) => ({ id: 1, userId: actor?.id }));
    const caller = callerWith({ getPost: async () => ({}) as never, createPost: createPost as never }, getActor);
    await caller.posts.byId({ id: 1 });
    expect(getActor).not.toHaveBeenCalled();
    await expect(caller.posts.create({ title: "Hi", body: "There" })).resolves.toEqual({ id: 1, userId: 3 });
    expect(createPost).toHaveBeenCalledWith(ada, { title: "Hi", body: "There" });
  });

  it("passes a missing session on as null: the service answers 401, as it does for REST", async () => {
    const posts = new PostService({
      posts: {} as PostServiceDeps["posts"],
      users: {} as PostServiceDeps["users"],
      cache: noCache,
      limiter: createMemoryRateLimiter(),
    });
    await expect(callerWith(posts).posts.delete({ id: 1 })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
