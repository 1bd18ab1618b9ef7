import { describe, expect, it } from "vitest";
import { createServices, type Services } from "./services";
import { appRouter } from "./routers/app.router";
import { createCallerFactory } from "./trpc";
import { NotFoundError } from "@/lib/errors";

const createCaller = createCallerFactory(appRouter);

function callerWith(posts: Partial<Services["posts"]>) {
  const services = { ...createServices({} as never), posts: posts as Services["posts"] };
  return createCaller({ services, requestId: "test" });
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

  it("rejects bad input before calling the service", async () => {
    let called = false;
    const caller = callerWith({
      getPost: async () => {
        called = true;
        throw new Error("unreachable");
      },
    });
    await expect(caller.posts.byId({ id: -1 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(called).toBe(false);
  });
});
