import type { GetStaticProps } from "next";
import superjson from "superjson";
import { beforeAll, describe, expect, it } from "vitest";
import {
  MAX_CONCURRENT_RENDERS,
  revalidatePages,
  revalidateThisRequestsPages,
  withPageRevalidation,
} from "@/lib/revalidation";
import * as authRoute from "@/pages/api/auth/[...all]";
import { getStaticProps as feedPage } from "@/pages/[[...feed]]";
import trpcHandler, { config as trpcConfig } from "@/pages/api/trpc/[trpc]";
import { getStaticProps as postPage } from "@/pages/posts/[id]";
import { getStaticProps as editPage } from "@/pages/posts/[id]/edit";
import { getStaticProps as profilePage } from "@/pages/users/[id]";
import { setupAccounts, type TestAccount } from "#tests/accounts";
import { setupApiServer } from "#tests/api-server";
import { expectLog } from "#tests/logs";
import { REST_ROUTES } from "#tests/routes";
import { setupTestDatabase } from "#tests/test-database";

// Every write, REST and tRPC, revalidates the static pages it changes, exactly those, through
// Next's own `res.revalidate`, before it answers; the pages rendered then show the write.
// docs/decisions/0106-static-public-pages.md

const t = setupTestDatabase();
const accounts = setupAccounts(t);
const api = setupApiServer({
  ...REST_ROUTES,
  "/api/trpc/[trpc]": { default: trpcHandler, config: trpcConfig },
  // The two better-auth endpoints that change what public pages show.
  "/api/auth/update-user": authRoute,
  "/api/auth/delete-user": authRoute,
});

let ada: TestAccount;
let grace: TestAccount;
beforeAll(async () => {
  [ada, grace] = await Promise.all([accounts.signUp({ name: "Ada" }), accounts.signUp({ name: "Grace" })]);
});

function send(method: string, path: string, account: TestAccount, body?: unknown) {
  return api.request(path, {
    method,
    headers: { cookie: account.cookie, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

// What `next start` does for each revalidated path: runs the page's getStaticProps again.
const PAGES: [RegExp, (match: RegExpExecArray) => ReturnType<GetStaticProps>][] = [
  [/^\/$/, () => feedPage({ params: {} })],
  [/^\/posts\/(\d+)$/, ([, id]) => postPage({ params: { id: id! } })],
  [/^\/posts\/(\d+)\/edit$/, ([, id]) => editPage({ params: { id: id! } })],
  [/^\/users\/(\d+)$/, ([, id]) => profilePage({ params: { id: id! } })],
];
async function render(path: string): Promise<string> {
  for (const [pattern, props] of PAGES) {
    const match = pattern.exec(path);
    if (match) return JSON.stringify(await props(match));
  }
  throw new Error(`no static page at ${path}`);
}

const sorted = (paths: string[]) => [...paths].sort();

describe("a REST write revalidates the static pages it changes", () => {
  it("a new post: the feed's first page, the post and its edit page, its author's profile, each once; all show it", async () => {
    const res = await send("POST", "/api/posts", ada, { title: "Fresh off the press", body: "…" });
    expect(res.status).toBe(201);
    const pages = ["/", `/posts/${res.body.id}`, `/posts/${res.body.id}/edit`, `/users/${ada.id}`];
    expect(sorted(api.revalidated)).toEqual(sorted(pages));
    for (const path of pages) expect(await render(path), path).toContain("Fresh off the press");
  });

  it("an edit and a deletion: the same four pages; after the deletion the post and its edit page are 404s", async () => {
    const { body: post } = await send("POST", "/api/posts", ada, { title: "First draft", body: "…" });
    const pages = sorted(["/", `/posts/${post.id}`, `/posts/${post.id}/edit`, `/users/${ada.id}`]);
    api.revalidated.length = 0;
    expect((await send("PATCH", `/api/posts/${post.id}`, ada, { title: "Second draft" })).status).toBe(200);
    expect(sorted(api.revalidated)).toEqual(pages);
    expect(await render("/")).toContain("Second draft");
    expect(await render(`/posts/${post.id}/edit`)).toContain("Second draft");
    api.revalidated.length = 0;
    expect((await send("DELETE", `/api/posts/${post.id}`, ada)).status).toBe(204);
    expect(sorted(api.revalidated)).toEqual(pages);
    expect(await render("/")).not.toContain("Second draft");
    expect(await render(`/posts/${post.id}`)).toContain('"notFound":true');
    expect(await render(`/posts/${post.id}/edit`)).toContain('"notFound":true');
  });

  it("a comment and its deletion: the post, and the feed and profile of the post's author (not the commenter's)", async () => {
    const { body: post } = await send("POST", "/api/posts", ada, { title: "Open to comments", body: "…" });
    api.revalidated.length = 0;
    const comment = await send("POST", `/api/posts/${post.id}/comments`, grace, { body: "Nice one" });
    expect(comment.status).toBe(201);
    const pages = sorted(["/", `/posts/${post.id}`, `/users/${ada.id}`]);
    expect(sorted(api.revalidated)).toEqual(pages);
    expect(await render(`/posts/${post.id}`)).toContain("Nice one");
    api.revalidated.length = 0;
    expect((await send("DELETE", `/api/comments/${comment.body.id}`, grace)).status).toBe(204);
    expect(sorted(api.revalidated)).toEqual(pages);
    expect(await render(`/posts/${post.id}`)).not.toContain("Nice one");
  });

  it("a refused write revalidates nothing", async () => {
    const { body: post } = await send("POST", "/api/posts", ada, { title: "Ada's", body: "…" });
    api.revalidated.length = 0;
    expect((await send("PATCH", `/api/posts/${post.id}`, grace, { title: "Not yours" })).status).toBe(403);
    expect((await send("POST", "/api/posts", ada, { title: "" })).status).toBe(400);
    expect(api.revalidated).toEqual([]);
  });

  it("a revalidation that fails once is retried; one that fails twice is logged, and the write still succeeds", async () => {
    expectLog("warn", /^page revalidation failed; retrying once$/);
    expectLog("error", /^page revalidation failed; the page stays stale until its revalidate period$/);
    const attempts = new Map<string, number>();
    api.failRevalidation = (path) => {
      attempts.set(path, (attempts.get(path) ?? 0) + 1);
      // The profile fails for good, the feed once; the post's pages render at the first attempt.
      if (path.startsWith("/users/") || (path === "/" && attempts.get(path) === 1)) return new Error("render failed");
      return undefined;
    };
    try {
      const res = await send("POST", "/api/posts", ada, { title: "Written anyway", body: "…" });
      expect(res.status).toBe(201);
      const post = `/posts/${res.body.id}`;
      expect(sorted(api.revalidated)).toEqual(sorted(["/", post, `${post}/edit`]));
      expect(Object.fromEntries(attempts)).toEqual({ "/": 2, [post]: 1, [`${post}/edit`]: 1, [`/users/${ada.id}`]: 2 });
    } finally {
      api.failRevalidation = undefined;
    }
  });
});

describe("a tRPC mutation revalidates the same pages", () => {
  const mutate = (path: string, input: unknown, account: TestAccount) =>
    api.request(`/api/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: account.cookie },
      body: JSON.stringify(superjson.serialize(input)),
    });

  it("posts.create and comments.create", async () => {
    const created = await mutate("posts.create", { title: "Over tRPC", body: "…" }, ada);
    expect(created.status).toBe(200);
    const { id } = superjson.deserialize<{ id: number }>(created.body.result.data);
    expect(sorted(api.revalidated)).toEqual(sorted(["/", `/posts/${id}`, `/posts/${id}/edit`, `/users/${ada.id}`]));
    api.revalidated.length = 0;
    expect((await mutate("comments.create", { postId: id, body: "Typed" }, grace)).status).toBe(200);
    expect(sorted(api.revalidated)).toEqual(sorted(["/", `/posts/${id}`, `/users/${ada.id}`]));
  });
});

describe("better-auth's routes revalidate the pages that show an account", () => {
  /** A new account with a post of its own and a comment on one of Ada's. */
  async function writer(name: string) {
    const account = await accounts.signUp({ name });
    const { body: own } = await send("POST", "/api/posts", account, { title: `${name}'s own post`, body: "…" });
    const { body: other } = await send("POST", "/api/posts", ada, { title: `Ada's post for ${name}`, body: "…" });
    const comment = await send("POST", `/api/posts/${other.id}/comments`, account, { body: `${name} agrees` });
    expect([own.id, other.id, comment.status]).toEqual([expect.any(Number), expect.any(Number), 201]);
    api.revalidated.length = 0;
    const pages = [
      "/",
      `/users/${account.id}`,
      `/posts/${own.id}`,
      `/posts/${own.id}/edit`,
      `/posts/${other.id}`,
      `/posts/${other.id}/edit`,
    ];
    return { account, own: own.id as number, other: other.id as number, pages };
  }

  it("a rename: its profile, the feed's first page, the posts it wrote or commented on; all show the new name", async () => {
    const { account, own, other, pages } = await writer("Edsger");
    const res = await send("POST", "/api/auth/update-user", account, { name: "Edsger Dijkstra" });
    expect(res.status).toBe(200);
    expect(sorted(api.revalidated)).toEqual(sorted(pages));
    for (const path of ["/", `/users/${account.id}`, `/posts/${own}`, `/posts/${other}`]) {
      expect(await render(path), path).toContain("Edsger Dijkstra");
    }
  });

  it("a refused rename revalidates nothing", async () => {
    const { account } = await writer("Tony");
    expect((await send("POST", "/api/auth/update-user", account, { name: "To\u0000ny" })).status).toBe(400);
    expect(api.revalidated).toEqual([]);
  });

  it("a deletion: the same pages; its profile, its post and the post's edit page are then 404s, its comment gone", async () => {
    const { account, own, other, pages } = await writer("Leaving");
    const res = await send("POST", "/api/auth/delete-user", account, { password: account.password });
    expect(res.status).toBe(200);
    expect(sorted(api.revalidated)).toEqual(sorted(pages));
    for (const path of [`/users/${account.id}`, `/posts/${own}`, `/posts/${own}/edit`]) {
      expect(await render(path), path).toContain('"notFound":true');
    }
    expect(await render("/")).not.toContain("Leaving's own post");
    expect(await render(`/posts/${other}`)).not.toContain("Leaving agrees");
  });
});

describe("revalidatePages", () => {
  it("renders at most a few pages at once, however many a write changes", async () => {
    let running = 0;
    let most = 0;
    const res = {
      revalidate: async () => {
        most = Math.max(most, ++running);
        await new Promise((resolve) => setTimeout(resolve, 1));
        running -= 1;
      },
    };
    const paths = Array.from({ length: 5 * MAX_CONCURRENT_RENDERS }, (_, i) => `/posts/${i}`);
    expect(await revalidatePages(res, paths)).toEqual([]);
    expect(most).toBe(MAX_CONCURRENT_RENDERS);
  });

  it("revalidates through the response of the request in progress, and outside one says the pages stay", async () => {
    const through: string[] = [];
    const res = { revalidate: async (path: string) => void through.push(path) };
    await expect(withPageRevalidation(res, () => revalidateThisRequestsPages(["/", "/users/1"]))).resolves.toEqual([]);
    expect(through).toEqual(["/", "/users/1"]);
    expectLog("warn", /^no request to revalidate pages through/);
    await expect(revalidateThisRequestsPages(["/", "/"])).resolves.toEqual(["/"]);
  });

  it("returns the paths that stayed stale and reports each once", async () => {
    expectLog("warn", /^page revalidation failed; retrying once$/);
    expectLog("error", /^page revalidation failed/);
    const reported: string[] = [];
    const failing = { revalidate: async () => Promise.reject(new Error("down")) };
    const failed = await revalidatePages(failing, ["/a", "/b", "/a"], { onFailure: (_, path) => reported.push(path) });
    expect(sorted(failed)).toEqual(["/a", "/b"]);
    expect(sorted(reported)).toEqual(["/a", "/b"]);
  });
});
