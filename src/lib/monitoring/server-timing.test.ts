import { describe, expect, it } from "vitest";
import { ServerTimings } from "./server-timing";

describe("ServerTimings", () => {
  it("sums each metric and counts its operations", () => {
    const timings = new ServerTimings();
    timings.add("db", 4.24);
    timings.add("db", 1.01);
    timings.add("cache", 0.3);
    expect(timings.get("db")).toEqual({ durationMs: 5.25, count: 2 });
    expect(timings.toHeader(12.345)).toBe('db;dur=5.3;desc="2 queries", cache;dur=0.3;desc="1 lookup", total;dur=12.3');
  });

  it("reports zero for what a request did not use", () => {
    expect(new ServerTimings().toHeader(1)).toBe(
      'db;dur=0;desc="0 queries", cache;dur=0;desc="0 lookups", total;dur=1',
    );
  });
});
