import type { NextApiHandler, NextApiRequest, NextApiResponse } from "next";
import { MethodNotAllowedError } from "./errors";
import { toAppError } from "./error-mapping";
import { logger } from "./logger";
import { reportUnexpectedError } from "./monitoring/error-reporting";
import { observeRequest } from "./monitoring/request-observer";

export type ApiMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type MethodHandler = (req: NextApiRequest, res: NextApiResponse) => Promise<unknown>;

export const NO_STORE = "private, no-store";

export interface ApiRouteOptions {
  /** Cache-Control of a successful response; errors are never cached. */
  cacheControl?: string;
}

/**
 * Writes any thrown value as the one error body shape. Only unexpected errors are reported
 * (logged as errors and sent to Sentry); an unreachable dependency is a warning.
 */
export function sendError(res: NextApiResponse, error: unknown, context: Record<string, unknown> = {}): void {
  const appError = toAppError(error);
  if (!appError.expected) reportUnexpectedError(error, context);
  else if (appError.code === "UNAVAILABLE") logger.warn({ err: error, ...context }, appError.message);
  res.setHeader("Cache-Control", "no-store");
  res.status(appError.status).json(appError.toBody());
}

/**
 * A REST route: one handler per method, each parsing its input and calling one service
 * method. The value it returns is sent as JSON; anything it throws becomes an error body.
 */
export function apiRoute(
  handlers: Partial<Record<ApiMethod, MethodHandler>>,
  options: ApiRouteOptions = {},
): NextApiHandler {
  const methods = Object.keys(handlers) as ApiMethod[];
  const allowed = methods.includes("GET") ? [...methods, "HEAD"] : methods;
  return (req, res) =>
    observeRequest(req, res, async () => {
      const method = (req.method === "HEAD" ? "GET" : req.method) as ApiMethod;
      try {
        const handler = handlers[method];
        if (!handler) {
          res.setHeader("Allow", allowed.join(", "));
          throw new MethodNotAllowedError(allowed);
        }
        const result = await handler(req, res);
        if (res.headersSent) return;
        res.setHeader("Cache-Control", options.cacheControl ?? NO_STORE);
        res.status(200).json(result);
      } catch (error) {
        sendError(res, error, { method: req.method, url: req.url });
      }
    });
}
