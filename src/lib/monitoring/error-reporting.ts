import * as Sentry from "@sentry/nextjs";
import { logger } from "../logger";
import { currentRequestContext } from "./request-context";

/**
 * The one way an unexpected error (an INTERNAL one: a bug, not a 404 or bad input) leaves the
 * app: a log line with the error and a Sentry event tagged with the request id, so the id a
 * user quotes from the `X-Request-Id` header finds both. Sentry is a no-op without a DSN.
 */
export function reportUnexpectedError(error: unknown, details: Record<string, unknown> = {}): void {
  logger.error({ err: error, ...details }, "unexpected error");
  const request = currentRequestContext();
  Sentry.withScope((scope) => {
    if (request) scope.setTags({ request_id: request.requestId, route: request.route, method: request.method });
    if (Object.keys(details).length > 0) scope.setContext("details", details);
    Sentry.captureException(error);
  });
}
