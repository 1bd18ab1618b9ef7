import { beforeAll, describe, expect, it } from "vitest";
import { setupAccounts, type TestAccount } from "#tests/accounts";
import { setupApiServer, type ApiRequestInit } from "#tests/api-server";
import { factories } from "#tests/factories";
import { REST_ROUTES } from "#tests/routes";
import { setupTestDatabase } from "#tests/test-database";

// The REST write API, a public contract (README, "REST API"): every route and status, with
// real sessions, and what each write makes the reads show at once.

const t = setupTestDatabase();
const accounts = setupAccounts(t);
const { createPost, createComment } = factories(() => t.services);
const api = setupApiServer(REST_ROUTES);

let ada: TestAccount;
let grace: TestAccount;
let admin: TestAccount;
let unverified: TestAccount;

beforeAll(async () => {
  [ada, grace, admin, unverified] = await Promise.all([
    accounts.signUp({ name: "Ada" }),
    accounts.signUp({ name: "Grace" }),
    accounts.signUp({ name: "Admin", role: "admin" }),
    accounts.signUp({ name: "Unverified", verified: false }),
  ]);
});

/** A request as `account` (none: signed out), with a JSON body when given one. */
function send(method: string, path: string, account?: TestAccount, body?: unknown, init: ApiRequestInit = {}) {
  const headers: Record<string, string> = {};
  if (account) headers.cookie = account.cookie;
  if (body !== undefined) headers["content-type"] = "application/json";
  return api.request(path, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    ...init,
  });
}

function expectError(res: { status: number; body: unknown; headers: Headers }, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.body).toMatchObject({ error: { code, message: expect.any(String) } });
  expect(JSON.stringify(res.body)).not.toMatch(/stack|node_modules|\.ts:\d+/);
}

describe("POST /api/posts", () => {
  it("201 with the post, never cached, first in the feed and counted on the author's profile at once", async () => {
    expect((await api.get("/api/posts")).status).toBe(200); // the feed is now cached
    const before = (await api.get(`/api/users/${ada.id}`)).body.postCount;

    const res = await send("POST", "/api/posts", ada, { title: "Shipping writes", body: "With sessions." });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: expect.any(Number), title: "Shipping writes", userId: ada.id });
    expect(res.headers.get("cache-control")).toBe("private, no-store");

    expect((await api.get("/api/posts")).body.items[0]).toMatchObject({ id: res.body.id, author: { id: ada.id } });
    expect((await api.get(`/api/users/${ada.id}/posts`)).body.items[0].id).toBe(res.body.id);
    expect((await api.get(`/api/users/${ada.id}`)).body.postCount).toBe(before + 1);
  });

  it("401 without a session, 403 before the email is confirmed, 400 naming the field", async () => {
    expectError(await send("POST", "/api/posts", undefined, { title: "x", body: "y" }), 401, "UNAUTHORIZED");
    const refused = await send("POST", "/api/posts", unverified, { title: "x", body: "y" });
    expectError(refused, 403, "FORBIDDEN");
    expect(refused.body.error).toMatchObject({ message: expect.stringMatching(/confirm your email/i) });
    expect(refused.body.error.details).toEqual({ reason: "email_unverified" });
    const bad = await send("POST", "/api/posts", ada, { title: "No body" });
    expectError(bad, 400, "VALIDATION");
    expect(bad.body.error.details.issues).toEqual([{ field: "body", message: "is required" }]);
    expect(await t.db.post.count({ where: { userId: unverified.id } })).toBe(0);
  });

  it("writes for the signed-in user, whatever author the body names", async () => {
    const res = await send("POST", "/api/posts", grace, { title: "Mine", body: ".", userId: ada.id });
    expect(res.body.userId).toBe(grace.id);
  });
});

describe("PATCH /api/posts/:id", () => {
  let postId: number;
  beforeAll(async () => {
    postId = (await createPost({ userId: ada.id, title: "Draft title" })).id;
  });

  it("200 with the post for its author; the post, the feed and search show the edit at once", async () => {
    await api.get("/api/posts");
    await api.get("/api/search?q=draft");
    const res = await send("PATCH", `/api/posts/${postId}`, ada, { title: "Final title" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: postId, title: "Final title", body: "A body." });
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect((await api.get(`/api/posts/${postId}`)).body).toMatchObject({ title: "Final title" });
    expect((await api.get("/api/posts")).body.items.find((p: { id: number }) => p.id === postId).title).toBe(
      "Final title",
    );
    expect((await api.get("/api/search?q=draft")).body.total).toBe(0);
    expect((await api.get("/api/search?q=final")).body.items[0].id).toBe(postId);
  });

  it("200 for an admin; 403 for another member; 401 signed out", async () => {
    expect((await send("PATCH", `/api/posts/${postId}`, admin, { body: "Edited by an admin." })).status).toBe(200);
    expect((await api.get(`/api/posts/${postId}`)).body.body).toBe("Edited by an admin.");
    const refused = await send("PATCH", `/api/posts/${postId}`, grace, { title: "Grace's now" });
    expectError(refused, 403, "FORBIDDEN");
    expect(refused.body.error.details).toEqual({ reason: "not_owner" });
    expectError(await send("PATCH", `/api/posts/${postId}`, undefined, { title: "x" }), 401, "UNAUTHORIZED");
    expect((await api.get(`/api/posts/${postId}`)).body.title).toBe("Final title");
  });

  it("400 naming both fields when neither is sent, or the bad one; 404 for an unknown id", async () => {
    const empty = await send("PATCH", `/api/posts/${postId}`, ada, {});
    expectError(empty, 400, "VALIDATION");
    expect(empty.body.error.details.issues.map((i: { field: string }) => i.field)).toEqual(["title", "body"]);
    const blank = await send("PATCH", `/api/posts/${postId}`, ada, { title: "  " });
    expect(blank.body.error.details.issues[0].field).toBe("title");
    const badId = await send("PATCH", "/api/posts/abc", ada, { title: "x" });
    expect(badId.body.error.details.issues[0].field).toBe("id");
    expectError(await send("PATCH", "/api/posts/999999", ada, { title: "x" }), 404, "NOT_FOUND");
  });
});

describe("DELETE /api/posts/:id", () => {
  it("204 for its author: gone from the post, every list, the profile, with its comments", async () => {
    const post = await createPost({ userId: ada.id, title: "Short-lived" });
    await createComment({ postId: post.id, userId: grace.id });
    await api.get("/api/posts");
    await api.get(`/api/users/${ada.id}/posts`);
    await api.get("/api/search?q=short-lived");
    expect((await api.get(`/api/posts/${post.id}/comments`)).body.total).toBe(1);
    const before = (await api.get(`/api/users/${ada.id}`)).body.postCount;

    const res = await send("DELETE", `/api/posts/${post.id}`, ada);
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();
    expect(res.headers.get("cache-control")).toBe("private, no-store");

    expectError(await api.get(`/api/posts/${post.id}`), 404, "NOT_FOUND");
    const ids = (body: { items: { id: number }[] }) => body.items.map((p) => p.id);
    expect(ids((await api.get("/api/posts")).body)).not.toContain(post.id);
    expect(ids((await api.get(`/api/users/${ada.id}/posts`)).body)).not.toContain(post.id);
    expect((await api.get("/api/search?q=short-lived")).body.total).toBe(0);
    expectError(await api.get(`/api/posts/${post.id}/comments`), 404, "NOT_FOUND");
    expect((await api.get(`/api/users/${ada.id}`)).body.postCount).toBe(before - 1);
    expect(await t.db.comment.count({ where: { postId: post.id } })).toBe(0);
  });

  it("204 for an admin; 403 for another member; 401 signed out; 404 unknown", async () => {
    const post = await createPost({ userId: grace.id });
    expectError(await send("DELETE", `/api/posts/${post.id}`, ada), 403, "FORBIDDEN");
    expectError(await send("DELETE", `/api/posts/${post.id}`), 401, "UNAUTHORIZED");
    expect((await api.get(`/api/posts/${post.id}`)).status).toBe(200);
    expect((await send("DELETE", `/api/posts/${post.id}`, admin)).status).toBe(204);
    expectError(await send("DELETE", `/api/posts/${post.id}`, admin), 404, "NOT_FOUND");
  });
});

describe("POST /api/posts/:id/comments", () => {
  it("201 with the comment; its page and the feed's count show it at once", async () => {
    const post = await createPost({ userId: ada.id });
    await api.get(`/api/posts/${post.id}/comments`);
    await api.get("/api/posts");
    const res = await send("POST", `/api/posts/${post.id}/comments`, grace, { body: "Well put." });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: expect.any(Number), body: "Well put.", postId: post.id, userId: grace.id });
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect((await api.get(`/api/posts/${post.id}/comments`)).body.items[0]).toMatchObject({ id: res.body.id });
    const inFeed = (await api.get("/api/posts")).body.items.find((p: { id: number }) => p.id === post.id);
    expect(inFeed.commentCount).toBe(1);
  });

  it("401, 403 unconfirmed, 400 naming the body, 404 for an unknown post", async () => {
    const post = await createPost({ userId: ada.id });
    expectError(await send("POST", `/api/posts/${post.id}/comments`, undefined, { body: "x" }), 401, "UNAUTHORIZED");
    expectError(await send("POST", `/api/posts/${post.id}/comments`, unverified, { body: "x" }), 403, "FORBIDDEN");
    const bad = await send("POST", `/api/posts/${post.id}/comments`, grace, { body: "" });
    expectError(bad, 400, "VALIDATION");
    expect(bad.body.error.details.issues[0].field).toBe("body");
    const unknown = await send("POST", "/api/posts/999999/comments", grace, { body: "x" });
    expectError(unknown, 404, "NOT_FOUND");
    expect(unknown.body.error.details).toEqual({ entity: "Post", id: 999999 });
  });
});

describe("DELETE /api/comments/:id", () => {
  let postId: number;
  beforeAll(async () => {
    postId = (await createPost({ userId: ada.id })).id; // Ada's post
  });

  it.each([
    ["the comment's author", () => grace],
    ["the post's author", () => ada],
    ["an admin", () => admin],
  ])("204 for %s, and the comment leaves its page at once", async (_, deleter) => {
    const comment = await createComment({ postId, userId: grace.id });
    expect((await api.get(`/api/posts/${postId}/comments`)).body.items.map((c: { id: number }) => c.id)).toContain(
      comment.id,
    );
    const res = await send("DELETE", `/api/comments/${comment.id}`, deleter());
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();
    expect((await api.get(`/api/posts/${postId}/comments`)).body.items.map((c: { id: number }) => c.id)).not.toContain(
      comment.id,
    );
  });

  it("403 for anyone else, 401 signed out, 404 unknown, 405 for a GET", async () => {
    const comment = await createComment({ postId, userId: grace.id });
    const stranger = await accounts.signUp();
    expectError(await send("DELETE", `/api/comments/${comment.id}`, stranger), 403, "FORBIDDEN");
    expectError(await send("DELETE", `/api/comments/${comment.id}`), 401, "UNAUTHORIZED");
    expectError(await send("DELETE", "/api/comments/999999", admin), 404, "NOT_FOUND");
    const get = await api.get(`/api/comments/${comment.id}`);
    expectError(get, 405, "METHOD_NOT_ALLOWED");
    expect(get.headers.get("allow")).toBe("DELETE");
    expect(await t.db.comment.count({ where: { id: comment.id } })).toBe(1);
  });
});
