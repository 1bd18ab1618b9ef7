import superjson from "superjson";
import { beforeAll, describe, expect, it } from "vitest";
import trpcHandler from "@/pages/api/trpc/[trpc]";
import { setupApiServer } from "#tests/api-server";
import { factories } from "#tests/factories";
import { setupTestDatabase } from "#tests/test-database";

const t = setupTestDatabase();
const { createUser, createPost, createComment } = factories(() => t.services);
const api = setupApiServer({ "/api/trpc/[trpc]": { default: trpcHandler } });

async function query(path: string, input?: unknown) {
  const qs = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
  const res = await api.get(`/api/trpc/${path}${qs}`);
  const data = res.body?.result?.data;
  return { ...res, data: data ? superjson.deserialize(data) : undefined, error: res.body?.error?.json };
}

describe("tRPC API", () => {
  let authorId: number;
  let postId: number;

  beforeAll(async () => {
    authorId = (await createUser({ name: "Edsger" })).id;
    postId = (await createPost({ userId: authorId, title: "Monitoring from day one" })).id;
    await createComment({ postId, userId: authorId });
  });

  it("posts.feed returns a page with real dates", async () => {
    const res = await query("posts.feed", {});
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ page: 1, pageSize: 20, total: 1 });
    expect((res.data as { items: { createdAt: unknown }[] }).items[0]!.createdAt).toBeInstanceOf(Date);
  });

  it("posts.byId, posts.byAuthor, posts.search, comments.byPost, users.byId and config.get answer", async () => {
    expect((await query("posts.byId", { id: postId })).data).toMatchObject({ id: postId, commentCount: 1 });
    expect((await query("posts.byAuthor", { userId: authorId })).data).toMatchObject({ total: 1 });
    expect((await query("posts.search", { q: "monitor" })).data).toMatchObject({ total: 1 });
    expect((await query("comments.byPost", { postId })).data).toMatchObject({ total: 1 });
    expect((await query("users.byId", { id: authorId })).data).toMatchObject({ name: "Edsger", postCount: 1 });
    expect((await query("config.get")).data).toEqual({ flags: {}, settings: {} });
  });

  it("maps not found to 404 with the app's code", async () => {
    const res = await query("posts.byId", { id: 999_999 });
    expect(res.status).toBe(404);
    expect(res.error.data).toMatchObject({ code: "NOT_FOUND", appCode: "NOT_FOUND" });
  });

  it("maps bad input to 400 naming the field, without a stack", async () => {
    const res = await query("posts.feed", { pageSize: 500 });
    expect(res.status).toBe(400);
    expect(res.error.data).toMatchObject({ appCode: "VALIDATION", details: { issues: [{ field: "pageSize" }] } });
    expect(res.error.message).toContain("pageSize");
    expect(JSON.stringify(res.body)).not.toContain("stack");
  });

  it("never caches its answers", async () => {
    const res = await query("posts.feed", {});
    expect(res.headers.get("cache-control")).toBe("private, no-store");
  });
});
