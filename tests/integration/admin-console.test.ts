import { IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";
import type { GetServerSideProps, GetServerSidePropsContext } from "next";
import { createElement, type FunctionComponent } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appOrigin } from "@/lib/app-origin";
import { getCache, setCache, type Cache } from "@/lib/redis";
import AdminCachePage, { getServerSideProps as cacheProps } from "@/pages/admin/cache";
import AdminFlagsPage, { getServerSideProps as flagsProps } from "@/pages/admin/flags";
import AdminHealthPage, { getServerSideProps as healthProps } from "@/pages/admin/index";
import AdminSlowQueriesPage, { getServerSideProps as slowQueriesProps } from "@/pages/admin/slow-queries";
import * as adminFlags from "@/pages/api/admin/flags";
import { createServices, getServices } from "@/server/services";
import { setFlag } from "../../scripts/config/set-flag";
import { setupAccounts, type TestAccount } from "#tests/accounts";
import { factories } from "#tests/factories";
import { setupApiServer } from "#tests/api-server";
import { createTestCache } from "#tests/cache";
import { checkRedis, setupUpstashCache } from "#tests/redis";
import { setupTestDatabase } from "#tests/test-database";

// The admin console as its users meet it: real sessions from better-auth, the pages'
// getServerSideProps and components, and the flag route over HTTP.

const redisCheck = await checkRedis();
const t = setupTestDatabase();
const accounts = setupAccounts(t);
const api = setupApiServer({ "/api/admin/flags": adminFlags });
const { createPost } = factories(() => t.services);

let admin: TestAccount;
let member: TestAccount;
beforeAll(async () => {
  admin = await accounts.signUp({ role: "admin" });
  member = await accounts.signUp({ role: "member" });
  await t.services.config.setFlag(
    { key: "live-search", enabled: false, description: "Search results update as you type" },
    { source: "seed" },
  );
});

type AnyProps = GetServerSideProps<Record<string, unknown>>;

/** getServerSideProps as Next calls it, for a visitor with this Cookie header (or none). */
async function load(getProps: AnyProps, cookie?: string) {
  const req = new IncomingMessage(new Socket());
  req.method = "GET";
  req.url = "/admin";
  if (cookie) req.headers.cookie = cookie;
  const res = new ServerResponse(req);
  const result = await getProps({
    query: {},
    params: {},
    req,
    res,
    resolvedUrl: "/admin",
  } as GetServerSidePropsContext);
  return { result, res };
}

/** A page component's HTML for these props, as the server renders it. */
const markup = (Page: unknown, props: object) =>
  renderToStaticMarkup(createElement(Page as FunctionComponent<object>, props));

/** The page as an admin gets it. */
async function render(getProps: AnyProps, Page: unknown): Promise<string> {
  const { result } = await load(getProps, admin.cookie);
  if (!("props" in result)) throw new Error(`no props: ${JSON.stringify(result)}`);
  return markup(Page, await result.props);
}

const post = (body: unknown, cookie?: string, type = "application/json") =>
  api.request("/api/admin/flags", {
    method: "POST",
    headers: { "content-type": type, origin: appOrigin(), ...(cookie ? { cookie } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
    redirect: "manual",
  });

const pages = [
  ["/admin", healthProps],
  ["/admin/flags", flagsProps],
  ["/admin/slow-queries", slowQueriesProps],
  ["/admin/cache", cacheProps],
] as [string, AnyProps][];

describe("who may use the console", () => {
  it.each(pages)(
    "%s is the 404 page for anonymous visitors and members, the page for admins, never cached",
    async (_, getProps) => {
      for (const cookie of [undefined, member.cookie]) {
        await expect(load(getProps, cookie).then(({ result }) => result)).resolves.toEqual({ notFound: true });
      }
      const { result, res } = await load(getProps, admin.cookie);
      expect(result).toMatchObject({ props: { data: expect.any(Object) } });
      expect(res.statusCode).toBe(200);
      expect(res.getHeader("cache-control")).toBe("private, no-store");
    },
  );

  it("the flag route answers 404 to anonymous visitors and members, whatever they send", async () => {
    for (const cookie of [undefined, member.cookie]) {
      for (const body of [{ key: "live-search", enabled: true }, { key: "Bad Key" }]) {
        const res = await post(body, cookie);
        expect(res.status).toBe(404);
        expect(res.body.error.code).toBe("NOT_FOUND");
      }
      expect((await api.get("/api/admin/flags", { headers: cookie ? { cookie } : {} })).status).toBe(404);
    }
    await expect(t.services.config.isEnabled("live-search")).resolves.toBe(false);
  });

  it("the flag route answers an admin's bad input with a 400 naming the field", async () => {
    const res = await post({ key: "live-search", enabled: "maybe" }, admin.cookie);
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues).toEqual([{ field: "enabled", message: "must be true or false" }]);
    expect((await post({ enabled: true }, admin.cookie)).body.error.details.issues[0].field).toBe("key");
  });
});

describe("feature flags", () => {
  it("the console's form switches a flag and goes back to the console, which shows it and its line", async () => {
    const res = await post("key=dark-launch&enabled=true", admin.cookie, "application/x-www-form-urlencoded");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin/flags");
    await expect(t.services.config.isEnabled("dark-launch")).resolves.toBe(true);
    const html = await render(flagsProps, AdminFlagsPage);
    expect(html).toMatch(/<code>dark-launch<\/code><\/th><td>[^<]*<\/td><td[^>]*>on<\/td>/);
    expect(html).toContain(`&lt;${admin.email}&gt;`);
    expect(html).toContain('name="enabled" value="false"');
  });

  it("the audit trail names who switched what, newest first: console, command line, then a deleted account", async () => {
    await post({ key: "live-search", enabled: true }, admin.cookie);
    await setFlag(t.db, getCache(), { key: "live-search", enabled: false });
    const gone = await accounts.signUp({ role: "admin" });
    await post({ key: "dark-launch", enabled: false }, gone.cookie);
    await t.db.user.delete({ where: { id: gone.id } });

    const res = await api.get("/api/admin/flags", { headers: { cookie: admin.cookie } });
    expect(res.status).toBe(200);
    expect(res.body.changes.slice(0, 3)).toEqual([
      expect.objectContaining({ flagKey: "dark-launch", enabled: false, source: "console", user: null }),
      expect.objectContaining({ flagKey: "live-search", enabled: false, source: "command_line", user: null }),
      expect.objectContaining({
        flagKey: "live-search",
        enabled: true,
        source: "console",
        user: { id: admin.id, name: expect.any(String), email: admin.email },
      }),
    ]);
    const times = res.body.changes.map((change: { changedAt: string }) => Date.parse(change.changedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const html = await render(flagsProps, AdminFlagsPage);
    expect(html).toContain("the command line (npm run flags:set)");
    expect(html).toContain("a deleted account");
  });

  describe.skipIf(!redisCheck.available)(
    `over a shared store (Redis through Upstash's REST API) ${redisCheck.skipReason}`,
    () => {
      const shared = setupUpstashCache();
      let previous: Cache;
      beforeAll(() => {
        previous = getCache();
        setCache(shared.cache); // the instance that serves the console's request
      });
      afterAll(() => setCache(previous));

      it("a switch in the console is seen by the next request on another instance", async () => {
        const other = createServices(t.db, shared.newInstance()).config;
        await t.services.config.setFlag({ key: "live-search", enabled: false }, { source: "seed" });
        await expect(other.isEnabled("live-search")).resolves.toBe(false);
        t.resetQueries();
        await expect(other.isEnabled("live-search")).resolves.toBe(false);
        expect(t.queries).toEqual([]); // held in the shared store, for 24 hours

        expect((await post({ key: "live-search", enabled: true }, admin.cookie)).status).toBe(200);
        await expect(other.isEnabled("live-search")).resolves.toBe(true);
      });
    },
  );
});

describe("health", () => {
  it("shows the health check's verdict, the database, its pool, the cache store and the release", async () => {
    const { result } = await load(healthProps, admin.cookie);
    expect(result).toMatchObject({
      props: {
        data: {
          report: { status: "ok", checks: { database: { status: "ok" }, cache: { status: "ok" } } },
          database: { reachable: true, pool: { max: 4 } },
          cache: { store: "memory", reachable: true },
          release: { version: expect.any(String) },
        },
      },
    });
    const html = await render(healthProps, AdminHealthPage);
    expect(html).toMatch(/in use, \d+ idle, 0 waiting \(at most 4 on this instance\)/);
    expect(html).toContain("in process (this instance only)");
  });
});

describe("cache statistics", () => {
  it("count this instance's hits and misses per key family", async () => {
    await createPost();
    const previous = getCache();
    setCache(createTestCache());
    try {
      await getServices().posts.getFeedPage({});
      await getServices().posts.getFeedPage({});
      await getServices().users.getProfile({ id: admin.id });
      const { result } = await load(cacheProps, admin.cookie);
      expect(result).toMatchObject({
        props: {
          data: {
            store: "memory",
            families: [
              { family: "posts:feed", hits: 2, misses: 2, errors: 0, timeouts: 0, hitRatio: 0.5 },
              { family: "users", hits: 0, misses: 1, hitRatio: 0 },
            ],
            total: { hits: 2, misses: 3, reads: 5 },
          },
        },
      });
      const html = await render(cacheProps, AdminCachePage);
      expect(html).toContain("These figures are this instance&#x27;s only");
      expect(html).toContain("50.0 %");
    } finally {
      setCache(previous);
    }
  });
});

describe("slow queries", () => {
  it("shows what the server has: the steps to enable pg_stat_statements, or the statements", async () => {
    const html = await render(slowQueriesProps, AdminSlowQueriesPage);
    // A fresh test database never has the extension created, whatever the server preloads.
    expect(html).toContain("pg_stat_statements is not enabled");
    expect(html).toContain("ALTER SYSTEM SET shared_preload_libraries = &#x27;pg_stat_statements&#x27;");
    expect(html).toContain("CREATE EXTENSION IF NOT EXISTS pg_stat_statements;");
    expect(html).toMatch(/<h3>Supabase<\/h3>[\s\S]*<h3>Neon<\/h3>/);

    const available = await t.db.$queryRaw<
      unknown[]
    >`SELECT 1 FROM pg_available_extensions WHERE name = 'pg_stat_statements'`;
    if (available.length === 0) return; // the embedded PGlite: the explanation is all there is
    await t.db.$executeRaw`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`;
    const [{ libraries }] = await t.db.$queryRaw<
      [{ libraries: string }]
    >`SELECT current_setting('shared_preload_libraries') AS libraries`;
    if (!libraries.split(",").some((library) => library.trim() === "pg_stat_statements")) {
      const { result } = await load(slowQueriesProps, admin.cookie);
      expect(result).toMatchObject({ props: { data: { kind: "missing", reason: "not-preloaded" } } });
      return;
    }
    await t.db.$executeRaw`SELECT pg_sleep(0.02)`;
    const table = await render(slowQueriesProps, AdminSlowQueriesPage);
    expect(table).toContain("Top ");
    expect(table).toContain("SELECT pg_sleep($1)");
  });

  it("renders the statements as a table, slowest first", () => {
    const data = {
      kind: "ok",
      database: "app",
      queries: [
        { meanMs: 1234.5, calls: 3, totalMs: 3703.5, percentOfTotal: 91.2, rows: 3, query: "SELECT * FROM posts" },
        { meanMs: 0.25, calls: 1500, totalMs: 375, percentOfTotal: 8.8, rows: 1500, query: "SELECT 1" },
      ],
    };
    const html = markup(AdminSlowQueriesPage, { data });
    expect(html).toContain("<caption>Top 2 statements by mean time</caption>");
    expect(html).toMatch(
      /1,234\.50<\/td><td[^>]*>3<\/td><td[^>]*>3,703\.5<\/td><td[^>]*>91\.2<\/td><td[^>]*>SELECT \* FROM posts/,
    );
    expect(html.indexOf("SELECT * FROM posts")).toBeLessThan(html.indexOf("SELECT 1<"));
  });
});
