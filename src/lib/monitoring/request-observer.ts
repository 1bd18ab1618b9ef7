import type { IncomingMessage, ServerResponse } from "node:http";
import { env } from "../env";
import { logger } from "../logger";
import { flushMonitoringAfterResponse } from "./flush-after-response";
import { createRequestContext, runInRequestContext, type RequestContext } from "./request-context";

export interface ObserveOptions {
  /** A request slower than this logs a warning (A1.5's "API latency > 2 s"). */
  slowRequestMs?: number;
}

type Request = Pick<IncomingMessage, "method" | "url" | "headers">;
type Response = Pick<ServerResponse, "setHeader" | "writeHead" | "once" | "headersSent" | "statusCode">;

/**
 * Runs one API request inside its context: every log line carries its id, the database and
 * the cache add their time to it, the response gets `X-Request-Id` and `Server-Timing`, and a
 * slow request logs a warning naming its route. Both happen when the response's head is
 * written: the duration logged is the time to the head, and a request needs no listener of
 * its own on the response (docs/decisions/0123-request-logged-when-its-head-is-written.md).
 */
export function observeRequest<T>(
  req: Request,
  res: Response,
  handle: (context: RequestContext) => T,
  options: ObserveOptions = {},
): T {
  const context = createRequestContext(req);
  const startedAt = performance.now();
  res.setHeader("X-Request-Id", context.requestId);
  beforeHeadersAreSent(res, (status) => {
    const elapsedMs = performance.now() - startedAt;
    res.setHeader("Server-Timing", context.timings.toHeader(elapsedMs));
    logCompletion(context, status, elapsedMs, options);
  });
  flushMonitoringAfterResponse(res, context.requestId);
  return runInRequestContext(context, () => handle(context));
}

/**
 * The same for a page's getServerSideProps, which must be done with `res` when it resolves
 * (Next renders the page afterwards): timings, header and log cover the data load.
 */
export async function observePageLoad<T>(
  req: Request,
  res: Pick<ServerResponse, "setHeader" | "statusCode">,
  load: (context: RequestContext) => Promise<T>,
  options: ObserveOptions = {},
): Promise<T> {
  const context = createRequestContext(req);
  const startedAt = performance.now();
  res.setHeader("X-Request-Id", context.requestId);
  try {
    return await runInRequestContext(context, () => load(context));
  } finally {
    const elapsedMs = performance.now() - startedAt;
    res.setHeader("Server-Timing", context.timings.toHeader(elapsedMs));
    logCompletion(context, res.statusCode, elapsedMs, options);
  }
}

function logCompletion(context: RequestContext, status: number, elapsedMs: number, options: ObserveOptions): void {
  const slowRequestMs = options.slowRequestMs ?? env.SLOW_REQUEST_MS;
  const fields = {
    requestId: context.requestId,
    method: context.method,
    route: context.route,
    status,
    durationMs: Math.round(elapsedMs),
    dbMs: Math.round(context.timings.get("db").durationMs),
    cacheMs: Math.round(context.timings.get("cache").durationMs),
  };
  if (elapsedMs > slowRequestMs) logger.warn({ ...fields, slowRequestMs }, "slow request");
  else logger.debug(fields, "request completed");
}

// Headers must be set before they are written, and the handler (or tRPC's adapter) decides
// when that is: every path goes through writeHead, explicitly or not (Node's implicit head
// passes the status too).
function beforeHeadersAreSent(res: Response, callback: (status: number) => void): void {
  const writeHead = res.writeHead;
  let called = false;
  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse["writeHead"]>) {
    if (!called && !this.headersSent) {
      called = true;
      callback(typeof args[0] === "number" ? args[0] : this.statusCode);
    }
    return writeHead.apply(this, args);
  } as ServerResponse["writeHead"];
}
