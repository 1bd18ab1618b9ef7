import { IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";
import type { GetServerSidePropsContext } from "next";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getServerSideProps as feedProps } from "@/pages/feed";
import feed from "@/pages/api/posts/index";
import user from "@/pages/api/users/[id]";
import trpcHandler from "@/pages/api/trpc/[trpc]";
import { setupApiServer } from "#tests/api-server";
import { expectLog } from "#tests/logs";
import { factories } from "#tests/factories";
import { setupTestDatabase } from "#tests/test-database";

// Only unexpected errors reach Sentry. The SDK is replaced by a recorder here; the envelope
// test (tests/e2e) proves the real SDK sends what this records.
const sentry = vi.hoisted(() => {
  const reports: { error: unknown; tags: Record<string, string> }[] = [];
  let tags: Record<string, string> = {};
  return {
    reports,
    withScope(callback: (scope: unknown) => void) {
      tags = {};
      callback({ setTags: (values: Record<string, string>) => Object.assign(tags, values), setContext: () => {} });
    },
    captureException(error: unknown) {
      reports.push({ error, tags });
    },
  };
});
// Not initialised as far as the rest of the app can tell: nothing is flushed after responses.
vi.mock("@sentry/nextjs", () => ({
  withScope: sentry.withScope,
  captureException: sentry.captureException,
  isInitialized: () => false,
}));

const t = setupTestDatabase();
const api = setupApiServer({
  "/api/posts": { default: feed },
  "/api/users/[id]": { default: user },
  "/api/trpc/[trpc]": { default: trpcHandler },
});

const trpc = (path: string, input: unknown) =>
  api.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);

// A bug rather than an outage: the code expects a table the database does not have.
beforeAll(async () => {
  await factories(() => t.services).createPost();
  await t.db.$executeRawUnsafe("ALTER TABLE comments RENAME TO comments_renamed_by_a_bad_migration");
});
beforeEach(() => {
  sentry.reports.length = 0;
});

// The renamed table is the bug: every unexpected error is also an error log line.
const expectTheBugLogged = () => expectLog("error", /^unexpected error$/);

function expectOneReportOfTheOriginalError(requestId: string | null) {
  expect(sentry.reports).toHaveLength(1);
  const [report] = sentry.reports;
  expect(report?.error).toBeInstanceOf(Error);
  expect((report?.error as Error).name).not.toBe("InternalError");
  expect(String((report?.error as Error).message)).toMatch(/comments/);
  expect(report?.tags).toMatchObject({ request_id: requestId });
}

describe("reporting unexpected errors", () => {
  it("REST: a 500 is reported once, with the thrown error and the request id", async () => {
    expectTheBugLogged();
    const res = await api.get("/api/posts");
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: "INTERNAL", message: "Something went wrong on our side" } });
    expectOneReportOfTheOriginalError(res.headers.get("x-request-id"));
    expect(sentry.reports[0]?.tags).toMatchObject({ route: "/api/posts", method: "GET" });
  });

  it("tRPC: an INTERNAL_SERVER_ERROR is reported with the procedure's original error", async () => {
    expectTheBugLogged();
    const res = await trpc("posts.feed", {});
    expect(res.status).toBe(500);
    expectOneReportOfTheOriginalError(res.headers.get("x-request-id"));
  });

  it("pages: a load that fails unexpectedly is reported", async () => {
    expectTheBugLogged();
    const req = new IncomingMessage(new Socket());
    req.url = "/";
    const res = new ServerResponse(req);
    const context = { query: {}, params: {}, req, res, resolvedUrl: "/" } as unknown as GetServerSidePropsContext;
    await expect(feedProps(context)).resolves.toMatchObject({ props: { error: { code: "INTERNAL" } } });
    expect(res.statusCode).toBe(500);
    expectOneReportOfTheOriginalError(String(res.getHeader("x-request-id")));
  });

  it("expected errors are not incidents: 400, 404 and 405 report nothing", async () => {
    expect((await api.get("/api/posts?page=0")).status).toBe(400);
    expect((await api.get("/api/users/999999")).status).toBe(404);
    expect((await api.request("/api/posts", { method: "DELETE" })).status).toBe(405);
    expect((await trpc("users.byId", { id: 999999 })).status).toBe(404);
    expect((await trpc("posts.feed", { page: 0 })).status).toBe(400);
    expect(sentry.reports).toEqual([]);
  });
});
