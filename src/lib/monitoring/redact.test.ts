import { IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";
import type { GetServerSidePropsContext } from "next";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseEnv } from "../env";
import { apiRoute } from "../http";
import { logger } from "../logger";
import { loadPage } from "../page-props";
import { pathOnly, redactQuery, scrubEvent } from "./redact";
import { sentryServerOptions } from "./sentry-options";
import { setupApiServer } from "#tests/api-server";

afterEach(() => vi.restoreAllMocks());

const SEARCH_TERM = "my-private-search-term";

describe("pathOnly and redactQuery", () => {
  it.each([
    ["/search?q=abc&page=2", "/search", "/search?q=[Filtered]&page=[Filtered]"],
    ["/api/posts", "/api/posts", "/api/posts"],
    ["https://x.example/a?flag#part", "https://x.example/a", "https://x.example/a?flag=[Filtered]"],
    ["", "/", ""],
  ])("%j", (url, path, redacted) => {
    expect(pathOnly(url)).toBe(path);
    expect(redactQuery(url)).toBe(redacted);
  });
});

describe("scrubEvent (Sentry's beforeSend and beforeSendTransaction)", () => {
  it("leaves no query value in the request, breadcrumbs or spans", () => {
    const event = scrubEvent({
      request: { url: `http://app/search?q=${SEARCH_TERM}`, query_string: `q=${SEARCH_TERM}&page=2` },
      breadcrumbs: [
        { data: { url: `/api/search?q=${SEARCH_TERM}` } },
        { data: { from: "/", to: `/search?q=${SEARCH_TERM}` } },
      ],
      spans: [{ data: { "url.full": `http://app/api/search?q=${SEARCH_TERM}`, "url.query": `?q=${SEARCH_TERM}` } }],
      contexts: { trace: { data: { "http.target": `/search?q=${SEARCH_TERM}` } } },
    });
    expect(JSON.stringify(event)).not.toContain(SEARCH_TERM);
    expect(event.request?.url).toBe("http://app/search?q=[Filtered]");
    expect(event.request?.query_string).toBe("q=[Filtered]&page=[Filtered]");
    expect(scrubEvent({ request: { query_string: { q: SEARCH_TERM } } }).request?.query_string).toEqual({
      q: "[Filtered]",
    });
    expect(scrubEvent({ request: { query_string: [["q", SEARCH_TERM]] } }).request?.query_string).toEqual([
      ["q", "[Filtered]"],
    ]);
  });

  it("is what the server SDK is given", () => {
    const options = sentryServerOptions(parseEnv({ SENTRY_DSN: "https://key@o1.ingest.sentry.io/2" }));
    const event = { request: { url: `http://app/search?q=${SEARCH_TERM}` } };
    expect(JSON.stringify(options?.beforeSend?.(event as never, {}))).not.toContain(SEARCH_TERM);
    expect(JSON.stringify(options?.beforeSendTransaction?.(event as never, {}))).not.toContain(SEARCH_TERM);
  });
});

describe("what the app logs of a request", () => {
  const api = setupApiServer({
    "/api/search": {
      default: apiRoute({
        GET: async () => {
          throw new Error("bug");
        },
      }),
    },
  });

  it("an API route's unexpected error names the path, not the query", async () => {
    const error = vi.spyOn(logger, "error").mockImplementation(() => undefined);
    expect((await api.get(`/api/search?q=${SEARCH_TERM}`)).status).toBe(500);
    expect(error).toHaveBeenCalledWith(expect.objectContaining({ route: "/api/search" }), "unexpected error");
    expect(JSON.stringify(error.mock.calls)).not.toContain(SEARCH_TERM);
  });

  it("a page's unexpected error names the path, not the query", async () => {
    const error = vi.spyOn(logger, "error").mockImplementation(() => undefined);
    const req = new IncomingMessage(new Socket());
    req.url = `/search?q=${SEARCH_TERM}`;
    const res = new ServerResponse(req);
    const context = {
      query: {},
      req,
      res,
      resolvedUrl: `/search?q=${SEARCH_TERM}`,
    } as unknown as GetServerSidePropsContext;
    await loadPage(async () => Promise.reject(new Error("bug")))(context);
    expect(error).toHaveBeenCalledWith(expect.objectContaining({ route: "/search" }), "unexpected error");
    expect(JSON.stringify(error.mock.calls)).not.toContain(SEARCH_TERM);
  });
});
