import superjson from "superjson";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { MAX_WRITE_BODY_BYTES } from "@/lib/limits";
import { createMemoryRateLimiter, RATE_LIMITS, setRateLimiter } from "@/lib/rate-limit";
import trpcHandler, { config as trpcConfig } from "@/pages/api/trpc/[trpc]";
import { cookieFrom, setupAccounts, type TestAccount } from "#tests/accounts";
import { setupApiServer } from "#tests/api-server";
import { factories } from "#tests/factories";
import { expectLog } from "#tests/logs";
import { REST_ROUTES } from "#tests/routes";
import { setupTestDatabase } from "#tests/test-database";

// What guards the writes beyond authorization: the origin check (CSRF), the body limit, the
// per-user rate limit, email confirmation through the real mail, and account deletion.

const t = setupTestDatabase();
const accounts = setupAccounts(t);
const { createPost, createComment } = factories(() => t.services);
const api = setupApiServer({ ...REST_ROUTES, "/api/trpc/[trpc]": { default: trpcHandler, config: trpcConfig } });

let ada: TestAccount;
beforeAll(async () => {
  ada = await accounts.signUp({ name: "Ada" });
});

const json = (account: TestAccount, extra: Record<string, string> = {}) => ({
  "content-type": "application/json",
  cookie: account.cookie,
  ...extra,
});
const newPost = JSON.stringify({ title: "Forged?", body: "." });
const trpcBody = JSON.stringify(superjson.serialize({ title: "Forged?", body: "." }));

describe("CSRF: a write must come from our own origin", () => {
  it.each([
    ["another origin", { origin: "https://evil.example" }, {}],
    ["no Origin and no Sec-Fetch-Site", { origin: null }, {}],
    ["no Origin and a cross-site Sec-Fetch-Site", { origin: null }, { "sec-fetch-site": "cross-site" }],
  ])("refuses %s with 403 in the error shape, on REST and tRPC, writing nothing", async (_, init, headers) => {
    const before = await t.db.post.count();
    const rest = await api.request("/api/posts", {
      method: "POST",
      headers: json(ada, headers),
      body: newPost,
      ...init,
    });
    expect(rest.status).toBe(403);
    expect(rest.body).toEqual({
      error: { code: "FORBIDDEN", message: "Cross-origin request refused", details: { reason: "cross_origin" } },
    });
    const rpc = await api.request("/api/trpc/posts.create", {
      method: "POST",
      headers: json(ada, headers),
      body: trpcBody,
      ...init,
    });
    expect(rpc.status).toBe(403);
    expect(rpc.body.error.json.data).toMatchObject({ appCode: "FORBIDDEN", details: { reason: "cross_origin" } });
    expect(await t.db.post.count()).toBe(before);
  });

  it("accepts no Origin when the browser says Sec-Fetch-Site: same-origin", async () => {
    const headers = json(ada, { "sec-fetch-site": "same-origin" });
    expect((await api.request("/api/posts", { method: "POST", headers, body: newPost, origin: null })).status).toBe(
      201,
    );
  });

  it("leaves GET alone, whatever the origin: it changes nothing", async () => {
    const res = await api.get("/api/posts", { headers: { origin: "https://evil.example" } });
    expect(res.status).toBe(200);
  });
});

describe("limits", () => {
  afterEach(() => setRateLimiter(undefined));

  it(`413 for a write body over ${MAX_WRITE_BODY_BYTES} bytes, before it is parsed`, async () => {
    const body = JSON.stringify({ title: "Long", body: "x".repeat(MAX_WRITE_BODY_BYTES) });
    const res = await api.request("/api/posts", { method: "POST", headers: json(ada), body });
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: "PAYLOAD_TOO_LARGE", details: { limitBytes: MAX_WRITE_BODY_BYTES } });
    // The longest post the schema allows fits.
    const longest = JSON.stringify({ title: "Long", body: "é".repeat(20_000) });
    expect((await api.request("/api/posts", { method: "POST", headers: json(ada), body: longest })).status).toBe(201);
  });

  it("429 with Retry-After past the per-user write rate, on REST and tRPC, for that user only", async () => {
    setRateLimiter(createMemoryRateLimiter({ ...RATE_LIMITS, write: { limit: 2, windowSeconds: 60 } }));
    const writer = await accounts.signUp();
    for (let i = 0; i < 2; i++) {
      expect((await api.request("/api/posts", { method: "POST", headers: json(writer), body: newPost })).status).toBe(
        201,
      );
    }
    const rest = await api.request("/api/posts", { method: "POST", headers: json(writer), body: newPost });
    expect(rest.status).toBe(429);
    expect(rest.headers.get("retry-after")).toBe("60");
    expect(rest.body.error).toMatchObject({ code: "RATE_LIMITED", details: { retryAfterSeconds: 60 } });
    const rpc = await api.request("/api/trpc/posts.create", { method: "POST", headers: json(writer), body: trpcBody });
    expect(rpc.status).toBe(429);
    expect(rpc.headers.get("retry-after")).toBe("60");
    expect((await api.request("/api/posts", { method: "POST", headers: json(ada), body: newPost })).status).toBe(201);
  });
});

describe("accounts", () => {
  it("a new user confirms the email through the mailed link, then may write", async () => {
    const email = "newcomer@example.test";
    const password = "correct horse battery staple";
    const { headers } = await accounts.auth.api.signUpEmail({
      body: { email, password, name: "Newcomer" },
      returnHeaders: true,
    });
    const cookie = cookieFrom(headers);
    const refused = await api.request("/api/posts", {
      method: "POST",
      headers: { ...json(ada), cookie },
      body: newPost,
    });
    expect(refused.body.error.details).toEqual({ reason: "email_unverified" });

    const mail = await accounts.inbox.latestTo(email, { subject: /confirm your email/i });
    const token = new URL(mail.links[0]!).searchParams.get("token")!;
    await accounts.auth.api.verifyEmail({ query: { token } });
    const res = await api.request("/api/posts", { method: "POST", headers: { ...json(ada), cookie }, body: newPost });
    expect(res.status).toBe(201);
  });

  it("deleting an account removes its posts and comments from every cached read at once", async () => {
    const leaving = await accounts.signUp({ name: "Leaving" });
    const own = await createPost({ userId: leaving.id, title: "Soon gone" });
    await createComment({ postId: own.id, userId: ada.id });
    const adas = await createPost({ userId: ada.id, title: "Staying" });
    const comment = await createComment({ postId: adas.id, userId: leaving.id });
    // Cache every read those rows are in.
    expect((await api.get("/api/posts")).body.items.map((p: { id: number }) => p.id)).toContain(own.id);
    expect((await api.get(`/api/posts/${adas.id}/comments`)).body.items[0].id).toBe(comment.id);
    expect((await api.get(`/api/posts/${own.id}/comments`)).body.total).toBe(1);
    expect((await api.get(`/api/users/${leaving.id}`)).status).toBe(200);
    expect((await api.get(`/api/users/${leaving.id}/posts`)).body.total).toBe(1);

    // Called here outside any request: no static page can be rendered again, which is said.
    expectLog("warn", /^no request to revalidate pages through/);
    await accounts.auth.api.deleteUser({
      body: { password: leaving.password },
      headers: new Headers({ cookie: leaving.cookie }),
    });

    expect((await api.get("/api/posts")).body.items.map((p: { id: number }) => p.id)).not.toContain(own.id);
    expect((await api.get(`/api/posts/${adas.id}/comments`)).body.total).toBe(0);
    expect((await api.get(`/api/posts/${own.id}/comments`)).status).toBe(404);
    expect((await api.get(`/api/users/${leaving.id}`)).status).toBe(404);
    expect((await api.get(`/api/users/${leaving.id}/posts`)).status).toBe(404);
    expect((await api.get("/api/search?q=soon%20gone")).body.total).toBe(0);
  });
});
