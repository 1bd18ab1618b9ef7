import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { ServerTimings, type TimingMetric } from "./server-timing";

/** What every log line and timing of one request share. */
export interface RequestContext {
  requestId: string;
  method: string;
  /** The path without its query string (search terms and ids in queries stay out of logs). */
  route: string;
  timings: ServerTimings;
}

// One store per process, kept on globalThis: Next bundles each route apart, and the database
// client (created once, in whichever bundle ran first) must see the context of every route.
const STORE = Symbol.for("scale-starter.requestContext");
const globalStore = globalThis as unknown as { [STORE]?: AsyncLocalStorage<RequestContext> };
const storage = (globalStore[STORE] ??= new AsyncLocalStorage<RequestContext>());

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

/** Keeps a caller's X-Request-Id when it looks like one (a proxy's, a client's), else makes one. */
export function requestIdOf(req: { headers?: Headers }): string {
  const incoming = req.headers?.["x-request-id"];
  return typeof incoming === "string" && /^[\w-]{1,100}$/.test(incoming) ? incoming : randomUUID();
}

export function createRequestContext(req: { method?: string; url?: string; headers?: Headers }): RequestContext {
  return {
    requestId: requestIdOf(req),
    method: req.method ?? "GET",
    route: (req.url ?? "/").split("?")[0] ?? "/",
    timings: new ServerTimings(),
  };
}
