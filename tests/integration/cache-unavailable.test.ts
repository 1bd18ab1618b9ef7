import type { GetServerSidePropsContext, GetStaticPropsContext } from "next";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectLog } from "#tests/logs";
import { getStaticProps as staticFeed } from "@/pages/[[...feed]]";
import { getServerSideProps as feedPage } from "@/pages/feed";
import { getServerSideProps as postPage } from "@/pages/posts/[id]/comments";
import { getServerSideProps as profilePage } from "@/pages/users/[id]/posts";
import { getStaticProps as staticPost } from "@/pages/posts/[id]";
import { getServerSideProps as searchPage } from "@/pages/search";
import { getStaticProps as staticProfile } from "@/pages/users/[id]";
import { Cache, createUpstashStore, setCache } from "@/lib/redis";
import { getServices } from "@/server/services";
import { setupApiServer } from "#tests/api-server";
import { REST_ROUTES } from "#tests/routes";
import { factories } from "#tests/factories";
import { deadPort, silentServer } from "#tests/network";
import { setupTestDatabase } from "#tests/test-database";

const t = setupTestDatabase();
const { createUser, createPost, createComment } = factories(() => t.services);
const api = setupApiServer(REST_ROUTES);

let authorId: number;
let postId: number;
beforeAll(async () => {
  authorId = (await createUser()).id;
  postId = (await createPost({ userId: authorId, title: "Outage survival guide" })).id;
  await createComment({ postId, userId: authorId });
});

const paths = () => [
  "/api/posts",
  `/api/posts/${postId}`,
  `/api/posts/${postId}/comments`,
  `/api/users/${authorId}`,
  `/api/users/${authorId}/posts`,
  "/api/search?q=Outage",
  "/api/config",
];

function pageContext(query: Record<string, string>) {
  const res = { statusCode: 200, setHeader: () => undefined };
  return { query, params: query, req: {}, res, resolvedUrl: "/" } as unknown as GetServerSidePropsContext;
}

async function expectEverythingServed() {
  for (const path of paths()) {
    const res = await api.get(path);
    expect(res.status, path).toBe(200);
    expect(res.body, path).not.toHaveProperty("error");
  }
  for (const [load, query] of [
    [feedPage, { page: "2" }],
    [postPage, { id: String(postId), page: "2" }],
    [profilePage, { id: String(authorId), page: "2" }],
    [searchPage, { q: "Outage" }],
  ] as const) {
    await expect(load(pageContext(query))).resolves.toMatchObject({ props: { data: expect.anything() } });
  }
  for (const [load, params] of [
    [staticFeed, {}],
    [staticPost, { id: String(postId) }],
    [staticProfile, { id: String(authorId) }],
  ] as const) {
    const context = { params } as GetStaticPropsContext;
    await expect(load(context)).resolves.toMatchObject({ props: { data: expect.anything() } });
  }
}

// The routes build their services on the process cache: point it at a store that is down.
describe.each([
  ["refuses connections", async () => ({ port: await deadPort(), close: async () => {} })],
  ["accepts connections and never answers", silentServer],
])("when the cache store %s", (_, startStore) => {
  let store: Awaited<ReturnType<typeof startStore>>;

  beforeAll(async () => {
    store = await startStore();
    const url = `http://127.0.0.1:${store.port}`;
    // A short timeout keeps the hung case quick; the refused one fails at once anyway.
    setCache(new Cache({ store: createUpstashStore({ url, token: "unused", timeoutMs: 50 }), timeoutMs: 50 }));
  });
  afterAll(async () => {
    setCache(undefined);
    await store.close();
  });

  it("every REST endpoint and page still answers from the database", async () => {
    expectLog("warn", /^cache read failed; serving from the source$/);
    await expectEverythingServed();
    t.resetQueries();
    await expectEverythingServed();
    expect(t.queries.length).toBeGreaterThan(0); // nothing was cached: each read went to the database
  });

  it("the health check says degraded, naming the cache, and stays 200", async () => {
    expectLog("warn", /^cache ping failed$/);
    expectLog("warn", /^health check failing$/);
    const res = await api.get("/api/health");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: "degraded",
      checks: { database: { status: "ok" }, cache: { status: "failing", critical: false } },
    });
  });

  it("writes still succeed (their invalidation is logged, not thrown)", async () => {
    expectLog("error", /^cache invalidation failed; stale entries stay until their TTL$/);
    const services = getServices();
    const author = { id: authorId, role: "member" as const, emailVerified: true };
    await expect(services.posts.createPost(author, { title: "Still up", body: "." })).resolves.toMatchObject({
      userId: authorId,
    });
    await expect(services.comments.createComment(author, { postId, body: "." })).resolves.toMatchObject({ postId });
  });
});
