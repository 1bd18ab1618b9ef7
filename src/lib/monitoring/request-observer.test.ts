import { createServer, IncomingMessage, ServerResponse } from "node:http";
import { Socket, type AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createLogger, logger } from "../logger";
import { currentRequestContext, recordTiming } from "./request-context";
import { observePageLoad, observeRequest, type ObserveOptions } from "./request-observer";
import { expectLog } from "#tests/logs";

// A real HTTP round trip: headers are only observable once Node writes them.
async function serve(
  handle: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>,
  options: ObserveOptions = {},
  headers: Record<string, string> = {},
) {
  const server = createServer((req, res) => void observeRequest(req, res, () => handle(req, res), options));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/api/things?secret=1`, { headers });
    await response.text();
    return response;
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

afterEach(() => vi.restoreAllMocks());

describe("observeRequest", () => {
  it("gives each response a request id, or keeps the caller's", async () => {
    const fresh = await serve((_req, res) => void res.end("ok"));
    expect(fresh.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await serve((_req, res) => void res.end("ok"), {}, { "X-Request-Id": "from-the-proxy-42" });
    expect(kept.headers.get("x-request-id")).toBe("from-the-proxy-42");
    const refused = await serve((_req, res) => void res.end("ok"), {}, { "X-Request-Id": "no spaces; please" });
    expect(refused.headers.get("x-request-id")).not.toBe("no spaces; please");
  });

  it.each(["a".repeat(65), "../../etc/passwd", 'quote"in', "a,b", "é"])("replaces the request id %j", async (id) => {
    const response = await serve((_req, res) => void res.end("ok"), {}, { "X-Request-Id": id });
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("keeps an id of the documented shape: letters, digits, '.', '_', '-', up to 64", async () => {
    const id = `trace.${"a".repeat(52)}_1-2`;
    const response = await serve((_req, res) => void res.end("ok"), {}, { "X-Request-Id": id });
    expect(response.headers.get("x-request-id")).toBe(id);
  });

  it("adds up database and cache time recorded during the request into Server-Timing", async () => {
    const response = await serve(async (_req, res) => {
      recordTiming("db", 2);
      await Promise.resolve();
      recordTiming("db", 3);
      recordTiming("cache", 0.5);
      res.end("ok");
    });
    expect(response.headers.get("server-timing")).toMatch(
      /^db;dur=5;desc="2 queries", cache;dur=0\.5;desc="1 lookup", total;dur=[\d.]+$/,
    );
  });

  it("sets Server-Timing when the handler writes its head explicitly", async () => {
    const response = await serve((_req, res) => void res.writeHead(204).end());
    expect(response.status).toBe(204);
    expect(response.headers.get("server-timing")).toContain("db;dur=0");
  });

  it("logs the status the head is written with, when it is written", async () => {
    const debug = vi.spyOn(logger, "debug");
    let loggedBeforeTheBody = false;
    await serve((_req, res) => {
      res.writeHead(202);
      loggedBeforeTheBody = debug.mock.calls.some(([, message]) => message === "request completed");
      res.end("accepted");
    });
    expect(loggedBeforeTheBody).toBe(true);
    expect(debug).toHaveBeenCalledWith(expect.objectContaining({ status: 202 }), "request completed");
  });

  it("warns about a request slower than the threshold, naming its route without the query", async () => {
    expectLog("warn", /^slow request$/);
    const warn = vi.spyOn(logger, "warn");
    const debug = vi.spyOn(logger, "debug");
    const response = await serve((_req, res) => void res.end("ok"), { slowRequestMs: 0 });
    await vi.waitFor(() => expect(warn).toHaveBeenCalledTimes(1));
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({
        route: "/api/things",
        method: "GET",
        status: 200,
        requestId: response.headers.get("x-request-id"),
      }),
      "slow request",
    );
    expect(debug).not.toHaveBeenCalled();
  });

  it("logs a request under the threshold at debug level only", async () => {
    const warn = vi.spyOn(logger, "warn");
    const debug = vi.spyOn(logger, "debug");
    await serve((_req, res) => void res.end("ok"), { slowRequestMs: 60_000 });
    await vi.waitFor(() =>
      expect(debug).toHaveBeenCalledWith(expect.objectContaining({ route: "/api/things" }), "request completed"),
    );
    expect(warn).not.toHaveBeenCalled();
  });

  it("puts the request id on every log line written during the request", async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const log = createLogger(sink, "info");
    const response = await serve(async (_req, res) => {
      await Promise.resolve();
      log.info({ step: "deep in a service" }, "working");
      res.end("ok");
    });
    log.info("outside any request");
    expect(lines[0]).toMatchObject({ msg: "working", level: "info", requestId: response.headers.get("x-request-id") });
    expect(lines[1]).not.toHaveProperty("requestId");
    expect(currentRequestContext()).toBeUndefined();
  });
});

describe("observePageLoad", () => {
  it("is done with the response when the load resolves: id, timing and log cover the load", async () => {
    const req = new IncomingMessage(new Socket());
    req.url = "/posts/7?page=2";
    const res = new ServerResponse(req);
    expectLog("warn", /^slow request$/);
    const warn = vi.spyOn(logger, "warn");
    const result = await observePageLoad(
      req,
      res,
      async () => {
        recordTiming("db", 4);
        res.statusCode = 404;
        return "props";
      },
      { slowRequestMs: 0 },
    );
    expect(result).toBe("props");
    expect(res.getHeader("x-request-id")).toEqual(expect.any(String));
    expect(res.getHeader("server-timing")).toMatch(/^db;dur=4;desc="1 query"/);
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ route: "/posts/7", status: 404, requestId: res.getHeader("x-request-id") }),
      "slow request",
    );
  });

  it("still sets the header and logs when the load throws", async () => {
    const req = new IncomingMessage(new Socket());
    const res = new ServerResponse(req);
    const debug = vi.spyOn(logger, "debug");
    await expect(observePageLoad(req, res, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(res.getHeader("server-timing")).toContain("total;dur=");
    expect(debug).toHaveBeenCalledTimes(1);
  });
});
