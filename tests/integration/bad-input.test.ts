import superjson from "superjson";
import { beforeAll, describe, expect, it } from "vitest";
import { toAppError } from "@/lib/error-mapping";
import { apiRoute } from "@/lib/http";
import { MAX_BATCH_SIZE, MAX_BODY_BYTES, MAX_URL_BYTES, MAX_WRITE_BODY_BYTES } from "@/lib/limits";
import { MAX_OFFSET } from "@/lib/pagination";
import { PostRepository } from "@/modules/posts/post.repository";
import trpcHandler, { config as trpcConfig } from "@/pages/api/trpc/[trpc]";
import { setupApiServer } from "#tests/api-server";
import { factories } from "#tests/factories";
import { REST_ROUTES } from "#tests/routes";
import { setupTestDatabase } from "#tests/test-database";

// Each finding of the review, reproduced: input that used to reach PostgreSQL or tRPC's
// internals and come back as a 500.

const t = setupTestDatabase();
const { createUser, createPost } = factories(() => t.services);
const echo = apiRoute({ POST: async (req) => ({ received: req.body }) });
const api = setupApiServer({
  ...REST_ROUTES,
  "/api/trpc/[trpc]": { default: trpcHandler, config: trpcConfig },
  "/echo": { default: echo, config: { api: { bodyParser: false } } },
});

function expectErrorBody(body: unknown, code: string) {
  expect(body).toMatchObject({ error: { code, message: expect.any(String) } });
}

const trpcInput = (input: unknown) => encodeURIComponent(JSON.stringify(superjson.serialize(input)));
const trpcError = (body: { error?: { json?: unknown } } | { error?: { json?: unknown } }[]) =>
  (Array.isArray(body) ? body[0]?.error?.json : body.error?.json) as { message: string; data: Record<string, unknown> };

beforeAll(async () => {
  const author = await createUser({ name: "Grace" });
  for (let i = 0; i < 3; i++) await createPost({ userId: author.id, title: `Lesson ${i} in Caching` });
});

describe("text PostgreSQL cannot store", () => {
  it("a NUL byte in a search is a 400 naming q, on REST, tRPC and the page", async () => {
    const rest = await api.get("/api/search?q=abc%00");
    expect(rest.status).toBe(400);
    expectErrorBody(rest.body, "VALIDATION");
    expect(rest.body.error.details.issues[0].field).toBe("q");

    const rpc = await api.get(`/api/trpc/posts.search?input=${trpcInput({ q: "abc\0" })}`);
    expect(rpc.status).toBe(400);
    expect(trpcError(rpc.body).data).toMatchObject({ appCode: "VALIDATION", details: { issues: [{ field: "q" }] } });
  });

  it("a lone surrogate is a 400 too", async () => {
    const rpc = await api.get(`/api/trpc/posts.search?input=${trpcInput({ q: "abc\ud800" })}`);
    expect(rpc.status).toBe(400);
    expect(trpcError(rpc.body).data).toMatchObject({ appCode: "VALIDATION" });
  });

  it("if one still reaches the database, its data exception is a 400, not a 500", async () => {
    const error = await new PostRepository(t.db).countByTitle("abc\0").catch((e: unknown) => e);
    expect(toAppError(error)).toMatchObject({
      code: "VALIDATION",
      status: 400,
      details: { issues: [{ field: "input" }] },
    });
  });
});

describe("search terms", () => {
  it.each(["!!!", "%%%", "a b", "__ _"])("%j, with fewer than three letters or digits, is a 400", async (q) => {
    const res = await api.get(`/api/search?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0]).toMatchObject({
      field: "q",
      message: expect.stringMatching(/letters or digits/),
    });
  });

  it("is normalised before it becomes a cache key: case and spaces make no second entry", async () => {
    const first = await api.get("/api/search?q=in%20Caching");
    expect(first.body.total).toBe(3);
    t.resetQueries();
    for (const q of ["IN%20CACHING", "%20in%20%20%20caching%20", "In%09Caching"]) {
      expect((await api.get(`/api/search?q=${q}`)).body.total, q).toBe(3);
    }
    expect(t.queries).toEqual([]);
  });
});

describe("deep offsets", () => {
  it("caps the offset whatever the page size, and counts no page past the cap", async () => {
    const deepest = MAX_OFFSET / 20 + 1;
    expect((await api.get(`/api/posts?page=${deepest}`)).status).toBe(200);
    const tooDeep = await api.get(`/api/posts?page=${deepest + 1}`);
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.body.error.details.issues[0].field).toBe("page");
    expect((await api.get(`/api/posts?page=${MAX_OFFSET / 100 + 2}&pageSize=100`)).status).toBe(400);
  });

  it("an uncached page past the end costs no query once the total is cached", async () => {
    await api.get("/api/posts");
    t.resetQueries();
    const res = await api.get("/api/posts?page=40");
    expect(res.body).toMatchObject({ items: [], total: 3, page: 40 });
    expect(t.queries).toEqual([]);
  });
});

describe("malformed tRPC requests", () => {
  it.each([
    ["/api/trpc/posts.feed?input=%7B", 400, "VALIDATION"],
    ["/api/trpc/posts.feed?batch=1&input=garbage", 400, "VALIDATION"],
    [
      `/api/trpc/posts.feed?input=${encodeURIComponent('{"json":{"a":1},"meta":{"values":{"a":[["map",1]]}}}')}`,
      400,
      "VALIDATION",
    ],
    [
      `/api/trpc/posts.feed?input=${encodeURIComponent('{"json":{"a":{}},"meta":{"values":{"a.__proto__.x":["Date"]}}}')}`,
      400,
      "VALIDATION",
    ],
    ["/api/trpc/posts.nope", 404, "NOT_FOUND"],
    ["/api/trpc/nope", 404, "NOT_FOUND"],
  ])("%s answers %i with appCode %s", async (path, status, appCode) => {
    const res = await api.get(path);
    expect(res.status).toBe(status);
    const error = trpcError(res.body);
    expect(error.data.appCode).toBe(appCode);
    expect(JSON.stringify(res.body)).not.toMatch(/stack|node_modules|\.ts:\d+/);
  });

  it("a query sent as POST keeps tRPC's own code: 405, not INTERNAL", async () => {
    const res = await api.request("/api/trpc/posts.feed", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(res.status).toBe(405);
    expect(trpcError(res.body).data).toMatchObject({ code: "METHOD_NOT_SUPPORTED", appCode: "METHOD_NOT_ALLOWED" });
  });

  it(`caps a batch at ${MAX_BATCH_SIZE} calls`, async () => {
    const batch = (n: number) => {
      const paths = Array.from({ length: n }, () => "posts.feed").join(",");
      const inputs = Object.fromEntries(Array.from({ length: n }, (_, i) => [i, superjson.serialize({})]));
      return `/api/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`;
    };
    const full = await api.get(batch(MAX_BATCH_SIZE));
    expect(full.status).toBe(200);
    expect(full.body).toHaveLength(MAX_BATCH_SIZE);
    t.resetQueries();
    const over = await api.get(batch(MAX_BATCH_SIZE + 1));
    expect(over.status).toBe(400);
    expect(trpcError(over.body).data).toMatchObject({ code: "BAD_REQUEST", appCode: "VALIDATION" });
    expect(t.queries).toEqual([]);
  });
});

describe("request size", () => {
  const huge = "x".repeat(MAX_BODY_BYTES + 1);

  it("a body over the limit is a 413 in the error shape", async () => {
    const rest = await api.request("/echo", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: `"${"x".repeat(MAX_WRITE_BODY_BYTES)}"`,
    });
    expect(rest.status).toBe(413);
    expectErrorBody(rest.body, "PAYLOAD_TOO_LARGE");
    expect(rest.body.error.details).toEqual({ limitBytes: MAX_WRITE_BODY_BYTES });
    // A query sent as POST is refused before its body is read; a mutation's body (a batch of
    // them) is bounded by tRPC's maxBodySize.
    const query = await api.request("/api/trpc/posts.feed", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: `"${huge}"`,
    });
    expect(query.status).toBe(405);
    const mutation = await api.request("/api/trpc/posts.create", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: `"${huge}"`,
    });
    expect(mutation.status).toBe(413);
    expect(trpcError(mutation.body).data).toMatchObject({ appCode: "PAYLOAD_TOO_LARGE" });
  });

  it("a body within the limit is parsed as JSON, and malformed JSON is a 400 naming the body", async () => {
    const ok = await api.request("/echo", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"a":1}',
    });
    expect(ok).toMatchObject({ status: 200, body: { received: { a: 1 } } });
    const bad = await api.request("/echo", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues[0].field).toBe("body");
    const notJson = await api.request("/echo", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "hi",
    });
    expect(notJson.status).toBe(400);
  });

  it("a URL over the limit is a 413 in the error shape, on REST and tRPC", async () => {
    const padding = "x".repeat(MAX_URL_BYTES);
    const rest = await api.get(`/api/posts?pad=${padding}`);
    expect(rest.status).toBe(413);
    expectErrorBody(rest.body, "PAYLOAD_TOO_LARGE");
    const rpc = await api.get(`/api/trpc/posts.feed?input=${trpcInput({ pad: padding })}`);
    expect(rpc.status).toBe(413);
    expect(trpcError(rpc.body).data).toMatchObject({ appCode: "PAYLOAD_TOO_LARGE" });
  });

  it("every API route leaves bodies to its adapter, which bounds them", async () => {
    const modules = [...Object.values(REST_ROUTES), { config: trpcConfig }];
    for (const route of modules) expect(route.config).toEqual({ api: { bodyParser: false } });
  });
});
