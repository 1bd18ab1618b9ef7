import { IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";
import type { GetServerSidePropsContext } from "next";
import { beforeEach, describe, expect, it, vi } from "vitest";
import {
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitedError,
  UnavailableError,
  ValidationError,
} from "@/lib/errors";
import feed from "@/pages/api/posts/index";
import trpcHandler from "@/pages/api/trpc/[trpc]";
import { getServerSideProps as feedProps } from "@/pages/feed";
import { setupApiServer } from "#tests/api-server";
import { capturedLogs, expectLog, type CapturedLevel } from "#tests/logs";

// The same thrown value through the three doors (REST, page, tRPC) must read the same:
// same status, same log line, same Sentry decision. The services are replaced by one whose
// feed throws what the test chooses; the adapters are the app's own.
const thrown = vi.hoisted(() => ({ current: undefined as unknown }));
vi.mock("@/server/services", () => ({
  getServices: () => {
    const fail = async () => Promise.reject(thrown.current);
    return { posts: { getFeed: fail, getFeedPage: fail } };
  },
}));

const sentry = vi.hoisted(() => ({ events: [] as unknown[] }));
vi.mock("@sentry/nextjs", () => ({
  withScope: (callback: (scope: unknown) => void) => callback({ setTags: () => {}, setContext: () => {} }),
  captureException: (error: unknown) => sentry.events.push(error),
  // No flush after responses: the events are counted as they are captured.
  isInitialized: () => false,
}));

const api = setupApiServer({ "/api/posts": { default: feed }, "/api/trpc/[trpc]": { default: trpcHandler } });

interface Seen {
  status: number;
  log: { level: string; msg: string; code: unknown; status: unknown }[];
  sentryEvents: number;
  body: string;
  retryAfter: string | null;
}

async function observe(door: () => Promise<Omit<Seen, "log" | "sentryEvents">>): Promise<Seen> {
  const logsBefore = capturedLogs().length;
  sentry.events.length = 0;
  const seen = await door();
  const log = capturedLogs()
    .slice(logsBefore)
    .map(({ line }) => JSON.parse(line) as { level: string; msg: string; code: unknown; status: unknown })
    .map(({ level, msg, code, status }) => ({ level, msg, code, status }));
  return { ...seen, log, sentryEvents: sentry.events.length };
}

const doors = {
  rest: async () => {
    const res = await api.get("/api/posts");
    return { status: res.status, body: JSON.stringify(res.body), retryAfter: res.headers.get("retry-after") };
  },
  trpc: async () => {
    const res = await api.get(`/api/trpc/posts.feed?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`);
    return { status: res.status, body: JSON.stringify(res.body), retryAfter: res.headers.get("retry-after") };
  },
  page: async () => {
    const req = new IncomingMessage(new Socket());
    req.url = "/";
    const res = new ServerResponse(req);
    const context = { query: {}, params: {}, req, res, resolvedUrl: "/" } as unknown as GetServerSidePropsContext;
    const result = await feedProps(context);
    const retryAfter = res.getHeader("retry-after");
    return {
      status: "notFound" in result ? 404 : res.statusCode,
      body: JSON.stringify(result),
      retryAfter: retryAfter === undefined ? null : String(retryAfter),
    };
  },
};

const HINT = "set DATABASE_URL to the primary's connection string";

const cases: { name: string; error: () => unknown; status: number; log?: CapturedLevel; sentry: boolean }[] = [
  {
    name: "bad input",
    error: () => new ValidationError([{ field: "page", message: "bad" }]),
    status: 400,
    sentry: false,
  },
  { name: "an unknown id", error: () => new NotFoundError("Post", 9), status: 404, sentry: false },
  { name: "a refusal", error: () => new ForbiddenError(), status: 403, sentry: false },
  { name: "too many requests", error: () => new RateLimitedError(30), status: 429, sentry: false },
  { name: "a body too large", error: () => new PayloadTooLargeError(1024), status: 413, sentry: false },
  {
    name: "an outage with an operator's hint",
    error: () => new UnavailableError("database", { hint: HINT }),
    status: 503,
    log: "warn",
    sentry: false,
  },
  {
    name: "an unreachable database (as Prisma throws it)",
    error: () => Object.assign(new Error("Can't reach database server"), { code: "P1001" }),
    status: 503,
    log: "warn",
    sentry: false,
  },
  { name: "a bug", error: () => new TypeError("secret internals"), status: 500, log: "error", sentry: true },
];

describe("one outcome policy for REST, pages and tRPC", () => {
  beforeEach(() => {
    thrown.current = undefined;
  });

  it.each(cases)("$name: the same status, log line and Sentry decision through every door", async (c) => {
    if (c.log) expectLog(c.log, /./);
    thrown.current = c.error();
    const rest = await observe(doors.rest);
    const page = await observe(doors.page);
    const trpc = await observe(doors.trpc);

    for (const seen of [rest, page, trpc]) {
      expect(seen.status).toBe(c.status);
      expect(seen.sentryEvents).toBe(c.sentry ? 1 : 0);
      expect(seen.log).toEqual(rest.log);
      expect(seen.body).not.toContain("secret internals");
      expect(seen.body).not.toContain("DATABASE_URL");
    }
    expect(rest.log).toHaveLength(c.log ? 1 : 0);
    if (c.log) expect(rest.log[0]).toMatchObject({ level: c.log, status: c.status });
  });

  it("the operator's hint reaches the log line and no response body", async () => {
    expectLog("warn", /DATABASE_URL/);
    thrown.current = new UnavailableError("database", { hint: HINT });
    for (const door of Object.values(doors)) {
      const seen = await observe(door);
      expect(seen.log[0]?.msg).toBe(`The database is unavailable, try again shortly (${HINT})`);
      expect(seen.body).toContain("The database is unavailable, try again shortly");
      expect(seen.body).not.toContain(HINT);
    }
  });

  it("a rate-limited answer says when to retry, through every door", async () => {
    thrown.current = new RateLimitedError(30);
    for (const door of Object.values(doors)) expect((await observe(door)).retryAfter).toBe("30");
  });
});
