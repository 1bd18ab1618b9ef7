import superjson, { type SuperJSONResult } from "superjson";
import { beforeAll, describe, expect, it } from "vitest";
import trpcHandler, { config as trpcConfig } from "@/pages/api/trpc/[trpc]";
import { setupAccounts, type TestAccount } from "#tests/accounts";
import { setupApiServer, type ApiRequestInit } from "#tests/api-server";
import { factories } from "#tests/factories";
import { setupTestDatabase } from "#tests/test-database";

// The tRPC mutations: the same services as REST, so the same rules and the same errors.

const t = setupTestDatabase();
const accounts = setupAccounts(t);
const { createPost, createComment } = factories(() => t.services);
const api = setupApiServer({ "/api/trpc/[trpc]": { default: trpcHandler, config: trpcConfig } });

let ada: TestAccount;
let grace: TestAccount;
let unverified: TestAccount;

beforeAll(async () => {
  [ada, grace, unverified] = await Promise.all([
    accounts.signUp({ name: "Ada" }),
    accounts.signUp({ name: "Grace" }),
    accounts.signUp({ verified: false }),
  ]);
});

async function mutate(path: string, input: unknown, account?: TestAccount, init: ApiRequestInit = {}) {
  const res = await api.request(`/api/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(account ? { cookie: account.cookie } : {}) },
    body: JSON.stringify(superjson.serialize(input)),
    ...init,
  });
  const data = res.body?.result?.data;
  return {
    ...res,
    data: data === undefined ? undefined : superjson.deserialize(data),
    error: res.body?.error?.json as { message: string; data: { appCode: string; details?: unknown } } | undefined,
  };
}

describe("tRPC mutations", () => {
  it("posts.create, posts.update and posts.delete for the author", async () => {
    const created = await mutate("posts.create", { title: "Over tRPC", body: "Typed end to end." }, ada);
    expect(created.status).toBe(200);
    expect(created.data).toMatchObject({ id: expect.any(Number), userId: ada.id, createdAt: expect.any(Date) });
    expect(created.headers.get("cache-control")).toBe("private, no-store");
    const id = (created.data as { id: number }).id;

    const updated = await mutate("posts.update", { id, title: "Over tRPC, edited" }, ada);
    expect(updated.data).toMatchObject({ id, title: "Over tRPC, edited" });
    expect(await t.services.posts.getPost({ id })).toMatchObject({ title: "Over tRPC, edited" });

    expect((await mutate("posts.delete", { id }, ada)).status).toBe(200);
    await expect(t.services.posts.getPost({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("comments.create and comments.delete", async () => {
    const post = await createPost({ userId: ada.id });
    const created = await mutate("comments.create", { postId: post.id, body: "Agreed." }, grace);
    expect(created.data).toMatchObject({ postId: post.id, userId: grace.id, body: "Agreed." });
    const id = (created.data as { id: number }).id;
    expect((await mutate("comments.delete", { id }, ada)).status).toBe(200); // the post's author
    expect(await t.db.comment.count({ where: { id } })).toBe(0);
  });

  it("401 without a session, 403 unconfirmed or not the owner, 404 unknown, 400 naming the field", async () => {
    const post = await createPost({ userId: ada.id });
    const comment = await createComment({ postId: post.id, userId: ada.id });

    const signedOut = await mutate("posts.create", { title: "x", body: "y" });
    expect(signedOut.status).toBe(401);
    expect(signedOut.error?.data.appCode).toBe("UNAUTHORIZED");

    const unconfirmed = await mutate("comments.create", { postId: post.id, body: "x" }, unverified);
    expect(unconfirmed.status).toBe(403);
    expect(unconfirmed.error?.data).toMatchObject({ appCode: "FORBIDDEN", details: { reason: "email_unverified" } });

    expect((await mutate("posts.update", { id: post.id, title: "Grace's" }, grace)).status).toBe(403);
    expect((await mutate("posts.delete", { id: post.id }, grace)).status).toBe(403);
    expect((await mutate("comments.delete", { id: comment.id }, grace)).status).toBe(403);
    expect((await mutate("posts.delete", { id: 999_999 }, ada)).status).toBe(404);

    const empty = await mutate("posts.update", { id: post.id }, ada);
    expect(empty.status).toBe(400);
    expect(empty.error?.data).toMatchObject({
      appCode: "VALIDATION",
      details: { issues: [{ field: "title" }, { field: "body" }] },
    });
    expect(JSON.stringify(empty.body)).not.toMatch(/stack|node_modules/);
    expect(await t.db.post.count({ where: { id: post.id } })).toBe(1);
  });

  it("reads the session once for a whole batch of mutations, and not at all for queries", async () => {
    const sessionReads = () => t.queries.filter((sql) => /from "public"\."sessions"/i.test(sql)).length;
    const inputs = {
      0: superjson.serialize({ title: "One", body: "." }),
      1: superjson.serialize({ title: "Two", body: "." }),
    };
    t.resetQueries();
    const res = await api.request("/api/trpc/posts.create,posts.create?batch=1", {
      method: "POST",
      headers: { "content-type": "application/json", cookie: grace.cookie },
      body: JSON.stringify(inputs),
    });
    expect(res.status).toBe(200);
    expect(sessionReads()).toBe(1);
    t.resetQueries();
    const feed = await api.get(
      `/api/trpc/posts.feed?input=${encodeURIComponent(JSON.stringify(superjson.serialize({})))}`,
      {
        headers: { cookie: grace.cookie },
      },
    );
    expect(feed.status).toBe(200);
    expect(sessionReads()).toBe(0);
    expect(
      res.body.map((r: { result: { data: SuperJSONResult } }) => superjson.deserialize(r.result.data)),
    ).toMatchObject([
      { title: "One", userId: grace.id },
      { title: "Two", userId: grace.id },
    ]);
  });
});
