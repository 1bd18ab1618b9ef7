import { IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";
import type { GetServerSidePropsContext, GetStaticPropsContext } from "next";
import { beforeAll, describe, expect, it } from "vitest";
import { STATIC_PAGE_REVALIDATE_SECONDS } from "@/lib/page-routes.mjs";
import { getStaticPaths, getStaticProps as staticFeedProps } from "@/pages/[[...feed]]";
import { getServerSideProps as feedProps } from "@/pages/feed";
import { getServerSideProps as postProps } from "@/pages/posts/[id]/comments";
import { getServerSideProps as profileProps } from "@/pages/users/[id]/posts";
import { getStaticProps as staticPostProps } from "@/pages/posts/[id]";
import { getServerSideProps as searchProps } from "@/pages/search";
import { getStaticProps as staticProfileProps } from "@/pages/users/[id]";
import { noCache } from "@/lib/no-cache";
import { createServices } from "@/server/services";
import { factories } from "#tests/factories";
import { setupTestDatabase } from "#tests/test-database";

const t = setupTestDatabase();
const { createUser, createPost, createComment } = factories(() => t.services);

// A real request/response pair, as Next passes to getServerSideProps.
function context(query: Record<string, string>) {
  const req = new IncomingMessage(new Socket());
  req.url = "/";
  const res = new ServerResponse(req);
  const headers = new Proxy({} as Record<string, unknown>, { get: (_, name: string) => res.getHeader(name) });
  return {
    ctx: { query, params: query, req, res, resolvedUrl: "/" } as unknown as GetServerSidePropsContext,
    res,
    headers,
  };
}

// The feed's total: counted, or estimated from pg_class once the table is long.
const isFeedTotal = (sql: string) => /\bpg_class\b/.test(sql);

const staticContext = (params: Record<string, string | string[]>) => ({ params }) as GetStaticPropsContext;

describe("server-rendered pages", () => {
  let authorId: number;
  let postId: number;

  beforeAll(async () => {
    authorId = (await createUser({ name: "Frances" })).id;
    for (let i = 0; i < 45; i++) postId = (await createPost({ userId: authorId, title: `Indexing tale ${i}` })).id;
    for (let i = 0; i < 30; i++) await createComment({ postId, userId: authorId });
  });

  it("feed: 20 posts a page; an uncached page is two queries, its rows and the total, cached apart", async () => {
    const first = context({});
    t.resetQueries();
    const result = await feedProps(first.ctx);
    expect(result).toMatchObject({ props: { data: { page: 1, total: 45, totalPages: 3, totalIsEstimate: false } } });
    expect(t.queries).toHaveLength(2);
    expect(t.queries.filter(isFeedTotal)).toHaveLength(1);
    t.resetQueries();
    await feedProps(context({ page: "2", pageSize: "25" }).ctx);
    // Another page, not cached yet: its rows only (authors and comment counts in the same query).
    expect(t.queries).toHaveLength(1);
    expect(t.queries.filter(isFeedTotal)).toEqual([]);
  });

  it("feed without the app cache (CACHE_DISABLED): every page is two queries", async () => {
    const uncached = createServices(t.db, noCache);
    for (const page of [1, 3]) {
      t.resetQueries();
      await uncached.posts.getFeedPage({ page });
      expect(t.queries, `page ${page}`).toHaveLength(2);
    }
  });

  it("post: the post and a page of its comments, in constant queries", async () => {
    t.resetQueries();
    await postProps(context({ id: String(postId), pageSize: "5" }).ctx);
    const queriesForFive = t.queries.length;
    t.resetQueries();
    const result = await postProps(context({ id: String(postId), pageSize: "30" }).ctx);
    expect(result).toMatchObject({
      props: { data: { post: { id: postId, commentCount: 30 }, comments: { total: 30 } } },
    });
    // The comment total is cached apart from the pages: another page size costs no recount.
    expect(t.queries.length).toBe(queriesForFive - 1);
    expect(t.queries.length).toBeLessThanOrEqual(6);
  });

  it("profile: the profile and a page of posts, in constant queries", async () => {
    t.resetQueries();
    const result = await profileProps(context({ id: String(authorId) }).ctx);
    expect(result).toMatchObject({ props: { data: { profile: { postCount: 45 }, posts: { total: 45 } } } });
    expect(t.queries.length).toBeLessThanOrEqual(6);
  });

  it("unknown ids render the 404 page", async () => {
    const revalidate = STATIC_PAGE_REVALIDATE_SECONDS;
    await expect(staticPostProps(staticContext({ id: "999999" }))).resolves.toEqual({ notFound: true, revalidate });
    await expect(staticProfileProps(staticContext({ id: "999999" }))).resolves.toEqual({ notFound: true, revalidate });
    // Malformed ids and feed pages past the static one are not pages either.
    await expect(staticPostProps(staticContext({ id: "abc" }))).resolves.toEqual({ notFound: true, revalidate });
    await expect(staticFeedProps(staticContext({ feed: ["2"] }))).resolves.toEqual({ notFound: true, revalidate });
    await expect(postProps(context({ id: "999999" }).ctx)).resolves.toEqual({ notFound: true });
    await expect(profileProps(context({ id: "999999" }).ctx)).resolves.toEqual({ notFound: true });
  });

  it("a bad id renders the error state with status 400", async () => {
    const { ctx, res, headers } = context({ id: "abc" });
    const result = await postProps(ctx);
    expect(res.statusCode).toBe(400);
    expect(headers["cache-control"]).toBe("no-store");
    expect(result).toMatchObject({ props: { error: { code: "VALIDATION" } } });
  });

  it("search: results for a query, a form without one, a 400 for too short a query", async () => {
    const found = await searchProps(context({ q: "tale 4" }).ctx);
    expect(found).toMatchObject({ props: { data: { q: "tale 4", results: { total: 6 } } } });
    await expect(searchProps(context({}).ctx)).resolves.toMatchObject({ props: { data: { results: null } } });
    const short = context({ q: "ab" });
    await expect(searchProps(short.ctx)).resolves.toMatchObject({
      props: { data: { problem: expect.stringContaining("q") } },
    });
    expect(short.res.statusCode).toBe(400);
    expect(short.headers["cache-control"]).toBe("no-store");
    for (const q of ["abc\0", "!!!"]) {
      const bad = context({ q });
      await expect(searchProps(bad.ctx)).resolves.toMatchObject({ props: { data: { problem: expect.any(String) } } });
      expect(bad.res.statusCode, q).toBe(400);
    }
  });

  it("a URL over the limit renders the error state with status 413", async () => {
    const { ctx, res } = context({});
    ctx.req.url = `/?pad=${"x".repeat(10_000)}`;
    await expect(feedProps(ctx)).resolves.toMatchObject({ props: { error: { code: "PAYLOAD_TOO_LARGE" } } });
    expect(res.statusCode).toBe(413);
  });

  it("pages a writer returns to are kept by the CDN only; search by browsers too, for minutes", async () => {
    const writersPages = "public, max-age=0, s-maxage=300";
    const lists = "public, max-age=60, s-maxage=300, stale-while-revalidate=300";
    for (const [load, query, expected] of [
      [feedProps, {}, writersPages],
      [postProps, { id: String(postId) }, writersPages],
      [profileProps, { id: String(authorId) }, writersPages],
      [searchProps, { q: "tale" }, lists],
    ] as const) {
      const { ctx, headers } = context(query);
      await load(ctx);
      expect(headers["cache-control"]).toBe(expected);
    }
  });
});

describe("static pages", () => {
  let authorId: number;
  let postId: number;

  beforeAll(async () => {
    authorId = (await createUser({ name: "Grace" })).id;
    postId = (await createPost({ userId: authorId, title: "Static and fresh" })).id;
    await createComment({ postId, userId: authorId, body: "First!" });
  });

  it("nothing is rendered at build time: every path renders on its first request", async () => {
    await expect(getStaticPaths()).resolves.toEqual({ paths: [], fallback: "blocking" });
  });

  it("the feed's first page, a post and a profile carry their data and the day-long safety net", async () => {
    const revalidate = STATIC_PAGE_REVALIDATE_SECONDS;
    await expect(staticFeedProps(staticContext({}))).resolves.toMatchObject({
      props: { data: { page: 1, items: expect.arrayContaining([expect.objectContaining({ id: postId })]) } },
      revalidate,
    });
    await expect(staticPostProps(staticContext({ id: String(postId) }))).resolves.toMatchObject({
      props: { data: { post: { id: postId, commentCount: 1 }, comments: { page: 1, total: 1 } } },
      revalidate,
    });
    await expect(staticProfileProps(staticContext({ id: String(authorId) }))).resolves.toMatchObject({
      props: { data: { profile: { id: authorId }, posts: { page: 1, total: 1 } } },
      revalidate,
    });
  });
});
