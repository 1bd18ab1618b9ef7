import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import nextEnv from "@next/env";
import { parseArgs, type BenchArgs } from "./config";
import { createBenchDatabase } from "./lib/bench-database";
import { bulkSeed } from "./lib/bulk-seed";
import { describeMachine } from "./lib/machine";
import { BenchCheckError, round } from "./lib/measure";
import { freePort } from "./lib/ports";
import { claimRows, machineLines, markdownReport, textTable, type BenchResults } from "./lib/report";
import { runHttp } from "./scenarios/http";
import { runIndexScan } from "./scenarios/index-scan";
import { runNPlusOne } from "./scenarios/n-plus-one";
import { runPagination } from "./scenarios/pagination";

// `npm run bench`: seeds a dedicated database at the article's scale, measures each claim,
// prints one table and writes bench/results/latest.{json,md}. See docs/benchmarks.md.

const ROOT = path.resolve(import.meta.dirname, "..");

function progress(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

async function step<T>(label: string, task: () => Promise<T>): Promise<T> {
  const start = performance.now();
  progress(`${label}…`);
  const value = await task();
  progress(`${label}: done in ${round((performance.now() - start) / 1_000, 1)} s`);
  return value;
}

async function portFromEnv(name: string): Promise<number> {
  const value = process.env[name];
  return value ? Number(value) : freePort();
}

async function bench(args: BenchArgs): Promise<BenchResults> {
  const { profile } = args;
  const serverUrl = process.env.DATABASE_URL || undefined;
  const name = profile.mode === "smoke" ? `scale_bench_smoke_${process.pid}` : "scale_bench";
  const database = await step(`creating ${serverUrl ? name : "an embedded database"}`, () =>
    createBenchDatabase(serverUrl, name),
  );
  try {
    const machine = await describeMachine({
      databaseUrl: database.url,
      databaseKind: database.kind,
      redisUrl: process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379",
      note: args.note,
    });
    const seedStart = performance.now();
    const { users, posts, comments } = profile.scale;
    await step(`seeding ${users} users, ${posts} posts, ${comments} comments`, () =>
      bulkSeed(database.url, profile.scale),
    );
    const results: BenchResults = {
      mode: profile.mode,
      machine,
      scale: { ...profile.scale, seedSeconds: round((performance.now() - seedStart) / 1_000, 1) },
      runs: profile.plan,
      skipped: {},
    };
    results.nPlusOne = await step("A2.1 N+1", () => runNPlusOne(database.url, profile.nPlusOneUsers, profile.plan));
    results.indexScan = await step("A2.2 index", () => runIndexScan(database.url, profile.indexUserId, profile.plan));
    results.pagination = await step("A2.4 pagination", () =>
      runPagination(database.url, profile.unpaginated, profile.plan),
    );
    results.skipped["A3.3 cache"] = "the app cache (getCached) is not part of this build yet";
    if (args.skipHttp) {
      results.skipped.HTTP = "--skip-http";
    } else {
      const appPort = await portFromEnv("BENCH_APP_PORT");
      const ceilingPort = await portFromEnv("BENCH_CEILING_PORT");
      results.http = await step(args.rebuild ? "HTTP (production build first)" : "HTTP", () =>
        runHttp(database.url, {
          rebuild: args.rebuild,
          appPort,
          ceilingPort,
          load: profile.load,
          modes: [{ label: "uncached", env: {} }],
        }),
      );
    }
    results.machine.loadAverage.end = Number(os.loadavg()[0]?.toFixed(2));
    return results;
  } finally {
    if (args.keep) progress(`kept ${database.name} (${database.url})`);
    else await database.drop();
  }
}

async function main(): Promise<void> {
  nextEnv.loadEnvConfig(ROOT);
  const args = parseArgs(process.argv.slice(2));
  const results = await bench(args);
  const rows = claimRows(results);
  process.stdout.write(`\n${machineLines(results).join("\n")}\n\n${textTable(rows)}\n\n`);
  if (args.outDir) {
    const dir = path.resolve(ROOT, args.outDir);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "latest.json"), `${JSON.stringify({ ...results, table: rows }, null, 2)}\n`);
    await writeFile(path.join(dir, "latest.md"), markdownReport(results));
    progress(`wrote ${path.relative(ROOT, dir)}/latest.json and latest.md`);
  }
  if (args.profile.mode === "smoke") progress("smoke run: every variant checked");
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    const message = error instanceof BenchCheckError ? `check failed: ${error.message}` : String(error);
    process.stderr.write(
      `bench: ${message}\n${error instanceof Error && !(error instanceof BenchCheckError) ? error.stack : ""}\n`,
    );
    process.exit(1);
  },
);
