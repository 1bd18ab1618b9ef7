import { EventEmitter } from "node:events";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { logger } from "../logger";
import { flushMonitoringAfterResponse } from "./flush-after-response";

// The wiring only: the production-build test (tests/e2e/monitoring.test.ts) shows the real SDK
// has delivered a request's trace once this line is logged.
const sentry = vi.hoisted(() => ({ initialized: true, flush: vi.fn(async (_timeout: number) => true) }));
vi.mock("@sentry/nextjs", () => ({ isInitialized: () => sentry.initialized, flush: sentry.flush }));

beforeEach(() => {
  sentry.initialized = true;
  sentry.flush.mockClear();
});

describe("flushMonitoringAfterResponse", () => {
  it("flushes once the response has closed, then logs the request id and the outcome", async () => {
    const debug = vi.spyOn(logger, "debug").mockImplementation(() => {});
    const res = new EventEmitter();
    flushMonitoringAfterResponse(res, "req-1");
    expect(sentry.flush).not.toHaveBeenCalled();
    res.emit("close");
    await vi.waitFor(() =>
      expect(debug).toHaveBeenCalledWith({ requestId: "req-1", delivered: true }, "monitoring events flushed"),
    );
    expect(sentry.flush).toHaveBeenCalledTimes(1);
  });

  it("says so when the flush fails", async () => {
    const debug = vi.spyOn(logger, "debug").mockImplementation(() => {});
    sentry.flush.mockRejectedValueOnce(new Error("transport gone"));
    const res = new EventEmitter();
    flushMonitoringAfterResponse(res, "req-2");
    res.emit("close");
    await vi.waitFor(() =>
      expect(debug).toHaveBeenCalledWith(
        { requestId: "req-2", err: expect.any(Error) },
        "monitoring events could not be flushed",
      ),
    );
  });

  it("does nothing when Sentry is off", () => {
    sentry.initialized = false;
    const res = new EventEmitter();
    flushMonitoringAfterResponse(res, "req-3");
    expect(res.listenerCount("close")).toBe(0);
  });
});
