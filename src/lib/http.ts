import type { NextApiHandler, NextApiRequest, NextApiResponse } from "next";
import { assertSameOrigin } from "./csrf";
import { MethodNotAllowedError } from "./errors";
import { toJson } from "./json-response";
import { recordFailure } from "./monitoring/error-reporting";
import { observeRequest } from "./monitoring/request-observer";
import { assertUrlWithinLimit, readJsonBody, type BodyOptions } from "./request-limits";

export type ApiMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type MethodHandler = (req: NextApiRequest, res: NextApiResponse) => Promise<unknown>;

/** A handler whose success is not a plain 200: see `created` and `noContent`. */
interface StatusHandler {
  status: 201 | 204;
  handle: MethodHandler;
}

/** 201 with the value the handler returns: what it created. */
export const created = (handle: MethodHandler): StatusHandler => ({ status: 201, handle });
/** 204 and no body, whatever the handler returns: what it deleted. */
export const noContent = (handle: MethodHandler): StatusHandler => ({ status: 204, handle });

export const NO_STORE = "private, no-store";

export interface ApiRouteOptions extends BodyOptions {
  /** Cache-Control of a successful GET; a write's answer and errors are never cached. */
  cacheControl?: string;
}

/**
 * Writes any thrown value as the one error body shape, after recording it through the
 * outcome policy (log level, Sentry) that pages and tRPC share.
 */
function sendError(res: NextApiResponse, error: unknown, context: Record<string, unknown> = {}): void {
  const outcome = recordFailure(error, context);
  for (const [name, value] of Object.entries(outcome.headers)) res.setHeader(name, value);
  res.setHeader("Cache-Control", "no-store");
  res.status(outcome.status).json(outcome.error.toBody());
}

/**
 * A REST route: one handler per method, each passing the raw input (and, for a write, the
 * acting user) to one service method, which validates and decides. The value it returns is
 * sent as JSON with 200, or as `created`/`noContent` say; anything it throws becomes an error
 * body. Before a handler runs, a write must come from our own origin (src/lib/csrf.ts), and
 * the URL and the body are bounded (src/lib/request-limits.ts), so each route exports
 * `config = { api: { bodyParser: false } }` and Next's own parser, whose errors are plain
 * text, never runs.
 */
export function apiRoute(
  handlers: Partial<Record<ApiMethod, MethodHandler | StatusHandler>>,
  options: ApiRouteOptions = {},
): NextApiHandler {
  const methods = Object.keys(handlers) as ApiMethod[];
  const allowed = methods.includes("GET") ? [...methods, "HEAD"] : methods;
  return (req, res) =>
    observeRequest(req, res, async () => {
      const method = (req.method === "HEAD" ? "GET" : req.method) as ApiMethod;
      try {
        const entry = handlers[method];
        if (!entry) throw new MethodNotAllowedError(allowed);
        assertSameOrigin(req);
        assertUrlWithinLimit(req);
        // A read has no body to wait for.
        if (method !== "GET") req.body = await readJsonBody(req, { forms: options.forms });
        const { status, handle } = typeof entry === "function" ? { status: 200, handle: entry } : entry;
        const result = await handle(req, res);
        if (res.headersSent) return;
        res.setHeader("Cache-Control", method === "GET" ? (options.cacheControl ?? NO_STORE) : NO_STORE);
        if (status === 204) {
          res.status(204).end();
          return;
        }
        // What res.json would send, with the cached parts' text reused (src/lib/json-response.ts).
        res.setHeader("Content-Type", "application/json; charset=utf-8");
        res.status(status).send(toJson(result));
      } catch (error) {
        sendError(res, error);
      }
    });
}
