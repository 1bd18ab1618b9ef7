import { IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";
import type { GetServerSidePropsContext } from "next";
import { beforeAll, describe, expect, it } from "vitest";
import { getServerSideProps as feedProps } from "@/pages/index";
import { getServerSideProps as postProps } from "@/pages/posts/[id]";
import { getServerSideProps as searchProps } from "@/pages/search";
import { getServerSideProps as profileProps } from "@/pages/users/[id]";
import { factories } from "../support/factories";
import { setupTestDatabase } from "../support/test-database";

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

describe("server-rendered pages", () => {
  let authorId: number;
  let postId: number;

  beforeAll(async () => {
    authorId = (await createUser({ name: "Frances" })).id;
    for (let i = 0; i < 45; i++) postId = (await createPost({ userId: authorId, title: `Indexing tale ${i}` })).id;
    for (let i = 0; i < 30; i++) await createComment({ postId, userId: authorId });
  });

  it("feed: 20 posts a page, in constant queries whatever the page", async () => {
    const first = context({});
    t.resetQueries();
    const result = await feedProps(first.ctx);
    const queriesForPageOne = t.queries.length;
    expect(result).toMatchObject({ props: { data: { page: 1, total: 45, totalPages: 3 } } });
    t.resetQueries();
    await feedProps(context({ page: "2", pageSize: "25" }).ctx);
    expect(t.queries.length).toBe(queriesForPageOne);
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
    expect(t.queries.length).toBe(queriesForFive);
    expect(t.queries.length).toBeLessThanOrEqual(6);
  });

  it("profile: the profile and a page of posts, in constant queries", async () => {
    t.resetQueries();
    const result = await profileProps(context({ id: String(authorId) }).ctx);
    expect(result).toMatchObject({ props: { data: { profile: { postCount: 45 }, posts: { total: 45 } } } });
    expect(t.queries.length).toBeLessThanOrEqual(6);
  });

  it("unknown ids render the 404 page", async () => {
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
  });

  it("rendered pages are shared for minutes by browsers and the CDN", async () => {
    const lists = "public, max-age=60, s-maxage=300, stale-while-revalidate=300";
    for (const [load, query] of [
      [feedProps, {}],
      [postProps, { id: String(postId) }],
      [profileProps, { id: String(authorId) }],
      [searchProps, { q: "tale" }],
    ] as const) {
      const { ctx, headers } = context(query);
      await load(ctx);
      expect(headers["cache-control"]).toBe(lists);
    }
  });
});
