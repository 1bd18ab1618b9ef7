import * as Sentry from "@sentry/nextjs";
import { logger } from "../logger";

const FLUSH_TIMEOUT_MS = 2_000;

/**
 * Once a response has closed (Sentry ends the request's span on that same event, and its
 * listener was attached first), exports the finished spans and waits until every envelope
 * held for the request has been delivered, then says so at debug level. That line is the
 * moment after which nothing more about the request can reach Sentry: operators read it when
 * an event seems missing, and the end-to-end tests wait on it instead of sleeping
 * (docs/decisions/0046-a-request-ends-with-its-monitoring-delivered.md). No-op without a DSN.
 */
export function flushMonitoringAfterResponse(
  res: { once(event: "close", listener: () => void): unknown },
  requestId: string,
): void {
  if (!Sentry.isInitialized()) return;
  res.once("close", () => {
    void Sentry.flush(FLUSH_TIMEOUT_MS).then(
      (delivered) => logger.debug({ requestId, delivered }, "monitoring events flushed"),
      (error: unknown) => logger.debug({ requestId, err: error }, "monitoring events could not be flushed"),
    );
  });
}
