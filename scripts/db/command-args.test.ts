import { describe, expect, it } from "vitest";
import { parseBackfillArgs } from "./backfill-user-role";
import { parseSteps } from "./rollback";

describe("db:rollback arguments", () => {
  it("rolls back one migration unless --steps says more", () => {
    expect(parseSteps([])).toBe(1);
    expect(parseSteps(["--steps", "3"])).toBe(3);
    expect(() => parseSteps(["--steps", "0"])).toThrow("--steps must be a whole number of at least 1");
    expect(() => parseSteps(["--steps"])).toThrow("--steps");
  });
});

describe("db:backfill:user-role arguments", () => {
  it("reads the batch size and the pause, leaving the defaults to the backfill", () => {
    expect(parseBackfillArgs([])).toEqual({ batchSize: undefined, pauseMs: undefined });
    expect(parseBackfillArgs(["--batch-size", "500", "--pause-ms", "0"])).toEqual({ batchSize: 500, pauseMs: 0 });
    expect(() => parseBackfillArgs(["--batch-size", "0"])).toThrow("--batch-size must be a whole number of at least 1");
    expect(() => parseBackfillArgs(["--pause-ms", "-5"])).toThrow("--pause-ms");
  });
});
