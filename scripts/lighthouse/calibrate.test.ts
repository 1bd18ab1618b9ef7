import { describe, expect, it } from "vitest";
import { bestBlockingTime, calibrateCpuSlowdown, FLOOR_BLOCKING_MS, SLOWDOWN_STEPS } from "./calibrate";

const run = (tbt: number) => ({ audits: { "total-blocking-time": { numericValue: tbt } } });

describe("CPU slowdown calibration", () => {
  it("keeps Lighthouse's 4x when the floor page blocks at most 50 ms there", async () => {
    const measured: number[] = [];
    const calibration = await calibrateCpuSlowdown(async (m) => {
      measured.push(m);
      return 30;
    });
    expect(SLOWDOWN_STEPS[0]).toBe(4);
    expect(FLOOR_BLOCKING_MS).toBe(50);
    expect(calibration).toEqual({ multiplier: 4, trials: [{ multiplier: 4, blockingMs: 30 }] });
    expect(measured).toEqual([4]);
  });

  it("steps down to the first slowdown at which the floor is within the limit", async () => {
    const floor: Record<number, number> = { 4: 240, 3.5: 180, 3: 110, 2.5: 50, 2: 10 };
    const calibration = await calibrateCpuSlowdown(async (m) => floor[m]!);
    expect(calibration.multiplier).toBe(2.5);
    expect(calibration.trials.map((t) => t.multiplier)).toEqual([4, 3.5, 3, 2.5]);
  });

  it("refuses a machine on which even the smallest slowdown leaves the floor over the limit", async () => {
    await expect(calibrateCpuSlowdown(async (m) => 100 * m, [3, 2])).rejects.toThrow(
      "blocks the main thread 300 ms at 3x, 200 ms at 2x, more than 50 ms even at the smallest slowdown",
    );
  });

  it("takes the best of the floor's runs, and refuses a run without the figure", () => {
    expect(bestBlockingTime([run(120), run(40), run(75)])).toBe(40);
    expect(() => bestBlockingTime([run(40), { audits: {} }])).toThrow("a floor run has no blocking time");
    expect(() => bestBlockingTime([])).toThrow("a floor run has no blocking time");
  });
});
