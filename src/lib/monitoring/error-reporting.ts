import * as Sentry from "@sentry/nextjs";
import { errorOutcome, type ErrorOutcome } from "../error-mapping";
import { logger } from "../logger";
import { currentRequestContext } from "./request-context";

/**
 * What every adapter (REST, pages, tRPC) calls with what it caught: decides the outcome
 * (src/lib/error-mapping.ts) and records it the same way whichever door the failure came
 * through. Adapters add only what is theirs (a tRPC procedure's path). The log line carries the internal message (with the operator's hint); only an
 * unexpected error (INTERNAL: a bug) also becomes a Sentry event, tagged with the request id so
 * that the id a user quotes from `X-Request-Id` finds both. Sentry is a no-op without a DSN.
 */
export function recordFailure(thrown: unknown, details: Record<string, unknown> = {}): ErrorOutcome {
  const outcome = errorOutcome(thrown);
  const { error, status, logLevel } = outcome;
  const request = currentRequestContext();
  // The route without its query string: search terms and ids in queries stay out of logs.
  const where = request ? { method: request.method, route: request.route } : {};
  const message = outcome.reportToSentry ? "unexpected error" : error.message;
  logger[logLevel]({ err: outcome.original, code: error.code, status, ...where, ...details }, message);
  if (outcome.reportToSentry) sendToSentry(outcome.original, details);
  return outcome;
}

function sendToSentry(error: unknown, details: Record<string, unknown>): void {
  const request = currentRequestContext();
  Sentry.withScope((scope) => {
    if (request) scope.setTags({ request_id: request.requestId, route: request.route, method: request.method });
    if (Object.keys(details).length > 0) scope.setContext("details", details);
    Sentry.captureException(error);
  });
}
