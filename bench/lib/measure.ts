import { performance } from "node:perf_hooks";

export interface RunPlan {
  /** Runs discarded first: they fill PostgreSQL's buffers, Prisma's caches and the JIT. */
  warmup: number;
  runs: number;
}

export interface Timing {
  medianMs: number;
  minMs: number;
  maxMs: number;
  runs: number;
}

export function median(values: number[]): number {
  if (values.length === 0) throw new Error("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * Times `task` sequentially: one at a time, so runs never compete with each other.
 * `before` runs ahead of every run, untimed (e.g. to make the next cache read a miss).
 */
export async function measure(
  task: () => Promise<unknown>,
  plan: RunPlan,
  before?: () => Promise<unknown>,
): Promise<Timing> {
  for (let i = 0; i < plan.warmup; i++) {
    await before?.();
    await task();
  }
  const samples: number[] = [];
  for (let i = 0; i < plan.runs; i++) {
    await before?.();
    const start = performance.now();
    await task();
    samples.push(performance.now() - start);
  }
  return {
    medianMs: round(median(samples)),
    minMs: round(Math.min(...samples)),
    maxMs: round(Math.max(...samples)),
    runs: samples.length,
  };
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** A benchmark that measures the wrong thing is worse than none: every scenario checks its variants. */
export class BenchCheckError extends Error {
  override name = "BenchCheckError";
}

export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new BenchCheckError(message);
}
