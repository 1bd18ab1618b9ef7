import { spawnSync } from "node:child_process";
import path from "node:path";
import { ROOT } from "./pages";
import { NEXT_BIN, startNodeServer, type ProductionServer } from "./server";

// Lighthouse's mobile run multiplies the main thread's task times, as observed on this machine,
// by a CPU slowdown (4 by default) to emulate a mid-range phone. On a machine that is slow at
// page work (or whose browser waits on the machine), that turns into a slower phone than the
// one the budgets are written for: on the CI machine an empty Next.js page measured 230–470 ms
// of blocking time at 4x, over the 200 ms budget before any code of the app runs. So the run
// first measures that empty page, the floor (scripts/lighthouse/floor/), and picks the largest
// slowdown at which it blocks at most FLOOR_BLOCKING_MS: the same emulated phone on any machine.
// docs/decisions/0115-lighthouse-measures-the-page-not-the-host.md

/** What an empty Next.js page may block on the emulated phone: no task past the 50 ms mark. */
export const FLOOR_BLOCKING_MS = 50;

/** The slowdowns tried, Lighthouse's default first; 1 (none) is the last: past it, the machine cannot audit. */
export const SLOWDOWN_STEPS = [4, 3.5, 3, 2.5, 2, 1.5, 1];

export interface Trial {
  multiplier: number;
  /** The floor's blocking time, best of its runs. */
  blockingMs: number;
}

export interface Calibration {
  multiplier: number;
  trials: Trial[];
}

/**
 * The first slowdown of `steps` at which the floor blocks at most `limitMs`, measured by
 * `measure` (best of several runs); throws when none does, naming each figure.
 */
export async function calibrateCpuSlowdown(
  measure: (multiplier: number) => Promise<number>,
  steps: readonly number[] = SLOWDOWN_STEPS,
  limitMs = FLOOR_BLOCKING_MS,
): Promise<Calibration> {
  const trials: Trial[] = [];
  for (const multiplier of steps) {
    const blockingMs = await measure(multiplier);
    trials.push({ multiplier, blockingMs });
    if (blockingMs <= limitMs) return { multiplier, trials };
  }
  throw new Error(
    `this machine cannot emulate the budgets' phone: an empty Next.js page blocks the main thread ` +
      `${describeTrials(trials)}, more than ${limitMs} ms even at the smallest slowdown`,
  );
}

export function describeTrials(trials: readonly Trial[]): string {
  return trials.map((t) => `${Math.round(t.blockingMs)} ms at ${t.multiplier}x`).join(", ");
}

/** The smallest blocking time among runs (Lighthouse results as saved). */
export function bestBlockingTime(runs: { audits: Record<string, { numericValue?: number }> }[]): number {
  const values = runs.map((lhr) => lhr.audits["total-blocking-time"]?.numericValue ?? Number.NaN);
  if (values.length === 0 || values.some(Number.isNaN)) throw new Error("a floor run has no blocking time");
  return Math.min(...values);
}

const FLOOR_DIR = path.join(ROOT, "scripts/lighthouse/floor");

/** Builds the floor app (webpack, as the app is built) and serves it at the lowest priority. */
export function startFloor(port: number): Promise<ProductionServer> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" };
  const build = spawnSync(process.execPath, [NEXT_BIN, "build", "--webpack", FLOOR_DIR], {
    cwd: ROOT,
    env,
    encoding: "utf8",
  });
  if (build.status !== 0) throw new Error(`building the floor page failed:\n${build.stdout}${build.stderr}`);
  const origin = `http://127.0.0.1:${port}`;
  return startNodeServer(
    [NEXT_BIN, "start", FLOOR_DIR, "--hostname", "127.0.0.1", "--port", String(port)],
    origin,
    env,
    { lowPriority: true },
  );
}
