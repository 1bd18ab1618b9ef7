import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import nextEnv from "@next/env";
import * as prettier from "prettier";
import { runMain } from "../scripts/cli";
import { benchCommand, parseBenchArgs, type BenchArgs } from "./config";
import { createBenchDatabase } from "./lib/bench-database";
import { bulkSeed } from "./lib/bulk-seed";
import { httpChartSvg } from "./lib/chart";
import { describeMachine } from "./lib/machine";
import { planCores } from "./lib/cores";
import { BenchCheckError, round } from "./lib/measure";
import { freePort } from "./lib/ports";
import { deleteRedisKeys } from "./lib/redis-keys";
import { startTranslatorProcess } from "./lib/translator-process";
import { claimRows, machineLines, markdownReport, textTable, withLatestTable, type BenchResults } from "./lib/report";
import { runCache } from "./scenarios/cache";
import { runHttp, type AppMode } from "./scenarios/http";
import { runIndexScan } from "./scenarios/index-scan";
import { runNPlusOne } from "./scenarios/n-plus-one";
import { runPagination } from "./scenarios/pagination";

// `npm run bench`: seeds a dedicated database at the article's scale, measures each claim,
// prints one table and writes bench/results/latest.{json,md}. See docs/benchmarks.md.

const ROOT = path.resolve(import.meta.dirname, "..");

interface BenchContext {
  args: BenchArgs;
  databaseUrl: string;
  redisUrl: string;
  redisReachable: boolean;
  /** Prefix of every cache key this run writes, in process and in Redis. */
  namespace: string;
}

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

/**
 * The app under load: without its cache (CACHE_DISABLED: every read goes to PostgreSQL), with
 * the in-process LRU, and with Redis through Upstash's REST protocol (the translator in a process
 * of its own). Cached modes are warm when measured.
 */
async function http({ args, databaseUrl, redisUrl, redisReachable, namespace }: BenchContext) {
  const appPort = await portFromEnv("BENCH_APP_PORT");
  const ceilingPort = await portFromEnv("BENCH_CEILING_PORT");
  const nextCeilingPort = await portFromEnv("BENCH_NEXT_CEILING_PORT");
  const token = randomBytes(16).toString("hex");
  const cores = planCores();
  const modes: AppMode[] = [
    { label: "uncached", env: { CACHE_DISABLED: "true" } },
    { label: "cached in process", env: { CACHE_NAMESPACE: namespace }, timeWrites: true },
  ];
  const proxy = redisReachable
    ? await startTranslatorProcess({
        redisUrl,
        token,
        port: Number(process.env.BENCH_UPSTASH_PROXY_PORT ?? 0),
        cores: cores?.servers,
      })
    : undefined;
  if (proxy) {
    modes.push({
      label: "cached on Redis",
      env: { UPSTASH_REDIS_REST_URL: proxy.url, UPSTASH_REDIS_REST_TOKEN: token, CACHE_NAMESPACE: namespace },
    });
  }
  try {
    return await runHttp(databaseUrl, {
      rebuild: args.rebuild,
      appPort,
      ceilingPort,
      nextCeilingPort,
      load: args.profile.load,
      modes,
      cores,
      progress: (message) => progress(`HTTP: ${message}`),
    });
  } finally {
    await proxy?.stop();
    await deleteRedisKeys(redisUrl, namespace);
  }
}

async function measureAll(context: BenchContext, results: BenchResults): Promise<void> {
  const { args, databaseUrl, redisUrl, namespace } = context;
  const { profile } = args;
  results.nPlusOne = await step("A2.1 N+1", () => runNPlusOne(databaseUrl, profile.nPlusOneUsers, profile.plan));
  results.indexScan = await step("A2.2 index", () => runIndexScan(databaseUrl, profile.indexUserId, profile.plan));
  results.pagination = await step("A2.4 pagination", () =>
    runPagination(databaseUrl, profile.unpaginated, profile.plan),
  );
  const cacheOptions = {
    namespace,
    userId: profile.indexUserId,
    redisUrl,
    proxyPort: Number(process.env.BENCH_UPSTASH_PROXY_PORT ?? 0),
    workloadReads: profile.cacheWorkloadReads,
  };
  results.cache = await step("A3.3 cache", () => runCache(databaseUrl, cacheOptions, profile.plan));
  if (results.cache.redisSkipped) results.skipped["A3.3 cache on Redis"] = results.cache.redisSkipped;
  if (args.skipHttp) results.skipped.HTTP = "--skip-http";
  else results.http = await step(args.rebuild ? "HTTP (production build first)" : "HTTP", () => http(context));
}

async function bench(args: BenchArgs): Promise<BenchResults> {
  const { profile } = args;
  const serverUrl = process.env.DATABASE_URL || undefined;
  const name = profile.mode === "smoke" ? `scale_bench_smoke_${process.pid}` : "scale_bench";
  const database = await step(`creating ${serverUrl ? name : "an embedded database"}`, () =>
    createBenchDatabase(serverUrl, name),
  );
  try {
    const redisUrl = process.env.BENCH_REDIS_URL ?? process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
    const machine = await describeMachine({
      databaseUrl: database.url,
      databaseKind: database.kind,
      redisUrl,
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
    const context: BenchContext = {
      args,
      databaseUrl: database.url,
      redisUrl,
      redisReachable: machine.redis !== "not reachable",
      namespace: `scale-bench-${randomBytes(4).toString("hex")}`,
    };
    await measureAll(context, results);
    results.machine.loadAverage.end = Number(os.loadavg()[0]?.toFixed(2));
    return results;
  } finally {
    if (args.keep) progress(`kept ${database.name} (${database.url})`);
    else await database.drop();
  }
}

async function main(args: BenchArgs): Promise<number> {
  nextEnv.loadEnvConfig(ROOT);
  const results = await bench(args);
  const rows = claimRows(results);
  process.stdout.write(`\n${machineLines(results).join("\n")}\n\n${textTable(rows)}\n\n`);
  if (args.outDir) {
    const dir = path.resolve(ROOT, args.outDir);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "latest.json"), `${JSON.stringify({ ...results, table: rows }, null, 2)}\n`);
    await writeFile(path.join(dir, "latest.md"), markdownReport(results));
    if (results.http) {
      const caption = `${results.mode} run, ${results.machine.date}, load average ${results.machine.loadAverage.start} → ${results.machine.loadAverage.end}`;
      await writeFile(path.join(dir, "latest.svg"), httpChartSvg(results.http, caption));
    }
    progress(`wrote ${path.relative(ROOT, dir)}/latest.json, latest.md${results.http ? " and latest.svg" : ""}`);
  }
  if (args.updateDocs) {
    const docPath = path.join(ROOT, "docs/benchmarks.md");
    const doc = withLatestTable(await readFile(docPath, "utf8"), results);
    // Formatted as `npm run format` would, so format:check stays green after a run.
    const options = { ...(await prettier.resolveConfig(docPath)), filepath: docPath };
    await writeFile(docPath, await prettier.format(doc, options));
    progress("updated the table in docs/benchmarks.md");
  }
  if (args.profile.mode === "smoke") progress("smoke run: every variant checked");
  return 0;
}

runMain(import.meta.url, {
  spec: benchCommand,
  options: parseBenchArgs,
  main,
  onError: (error) => {
    const failedCheck = error instanceof BenchCheckError;
    const detail = failedCheck ? "" : `\n${error instanceof Error ? error.stack : ""}`;
    process.stderr.write(`bench: ${failedCheck ? "check failed: " : ""}${String(error)}${detail}\n`);
    process.exit(1);
  },
});
