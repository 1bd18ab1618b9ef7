import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { processSingleton } from "../process-singleton";
import { pathOnly } from "./redact";
import { ServerTimings, type TimingMetric } from "./server-timing";

/** What every log line and timing of one request share. */
export interface RequestContext {
  requestId: string;
  method: string;
  /** The path without its query string (search terms and ids in queries stay out of logs). */
  route: string;
  timings: ServerTimings;
}

// One store per process: the database client (created once, in whichever route bundle ran
// first) must see the context of every route.
const storage = processSingleton("requestContext", () => new AsyncLocalStorage<RequestContext>()).get();

export function runInRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Adds to the current request's Server-Timing; a no-op outside a request (scripts, tests). */
export function recordTiming(metric: TimingMetric, durationMs: number): void {
  storage.getStore()?.timings.add(metric, durationMs);
}

type Headers = Record<string, string | string[] | undefined>;

// What a proxy's or load balancer's id looks like (a UUID, a trace id): short, and
// nothing that could forge a log field, a header or a Sentry search.
const REQUEST_ID_SHAPE = /^[A-Za-z0-9._-]{1,64}$/;

/** Keeps a caller's X-Request-Id when it has that shape, else makes one. */
function requestIdOf(req: { headers?: Headers }): string {
  const incoming = req.headers?.["x-request-id"];
  return typeof incoming === "string" && REQUEST_ID_SHAPE.test(incoming) ? incoming : randomUUID();
}

export function createRequestContext(req: { method?: string; url?: string; headers?: Headers }): RequestContext {
  return {
    requestId: requestIdOf(req),
    method: req.method ?? "GET",
    route: pathOnly(req.url),
    timings: new ServerTimings(),
  };
}
