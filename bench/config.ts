import { defineCommand, parseCommand } from "../scripts/cli";
import type { BenchScale } from "./lib/bulk-seed";
import type { RunPlan } from "./lib/measure";
import type { LoadOptions } from "./scenarios/http";

export interface Profile {
  mode: "full" | "smoke";
  scale: BenchScale;
  plan: RunPlan;
  /** A2.1: users loaded with their posts. */
  nPlusOneUsers: number;
  /** A2.2: the article's `WHERE user_id = 123`. */
  indexUserId: number;
  /** A2.4: posts loaded without pagination. */
  unpaginated: number;
  load: LoadOptions;
  /** A3.3: reads in the repeated-read workload. */
  cacheWorkloadReads: number;
}

// The article's scale: 100K posts; 1,000 users gives each 100 posts (a selective user_id),
// and three comments a post.
export const FULL: Profile = {
  mode: "full",
  scale: { users: 1_000, posts: 100_000, comments: 300_000 },
  plan: { warmup: 5, runs: 21 },
  nPlusOneUsers: 50,
  indexUserId: 123,
  unpaginated: 10_000,
  load: { connections: 10, durationSeconds: 8, warmupSeconds: 24, rewarmSeconds: 2, rounds: 4 },
  cacheWorkloadReads: 1_000,
};

// Small enough for CI, large enough that the planner prefers the index when it exists
// (25 posts per user out of 5,000): checks every variant, times nothing that matters.
export const SMOKE: Profile = {
  mode: "smoke",
  scale: { users: 200, posts: 5_000, comments: 15_000 },
  plan: { warmup: 0, runs: 1 },
  nPlusOneUsers: 50,
  indexUserId: 123,
  unpaginated: 10_000,
  load: { connections: 2, amount: 40 },
  cacheWorkloadReads: 300,
};

export interface BenchArgs {
  profile: Profile;
  skipHttp: boolean;
  rebuild: boolean;
  keep: boolean;
  outDir?: string;
  /** Rewrites the table in docs/benchmarks.md (full runs that write bench/results). */
  updateDocs: boolean;
  note?: string;
}

export const benchCommand = defineCommand({
  usage: "npm run bench -- [--smoke] [--skip-http] [--no-build] [--keep] [--out DIR] [--note TEXT]",
  description: "Measures each practice of the article against its anti-pattern (docs/benchmarks.md).",
  flags: {
    smoke: { type: "boolean", description: "tiny data, one run of each variant: checks the benchmark, not the speed" },
    "skip-http": { type: "boolean", description: "leave out the HTTP load test (no production build)" },
    "no-build": { type: "boolean", description: "reuse the existing production build (.next) instead of rebuilding" },
    keep: { type: "boolean", description: "keep the benchmark database afterwards" },
    out: {
      type: "string",
      placeholder: "DIR",
      description:
        "where to write latest.json and latest.md (default bench/results, which also refreshes docs/benchmarks.md; smoke writes none unless set)",
    },
    note: {
      type: "string",
      placeholder: "TEXT",
      description: "a remark stored with the results (e.g. what else the machine was running)",
    },
  },
});

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const { values } = parseCommand(benchCommand, argv);
  const smoke = values.smoke === true;
  const outDir = values.out || (smoke ? undefined : "bench/results");
  return {
    profile: smoke ? SMOKE : FULL,
    skipHttp: values["skip-http"] === true,
    rebuild: !smoke && values["no-build"] !== true,
    keep: values.keep === true,
    outDir,
    // Only a full run into the committed results refreshes the documented table.
    updateDocs: !smoke && outDir === "bench/results",
    ...(values.note ? { note: values.note } : {}),
  };
}
