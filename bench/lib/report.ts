import type { CacheResult } from "../scenarios/cache";
import type { HttpResult } from "../scenarios/http";
import type { IndexScanResult } from "../scenarios/index-scan";
import type { NPlusOneResult } from "../scenarios/n-plus-one";
import type { PaginationResult } from "../scenarios/pagination";
import type { MachineInfo } from "./machine";
import { round } from "./measure";

export interface BenchResults {
  mode: "full" | "smoke";
  machine: MachineInfo;
  scale: { users: number; posts: number; comments: number; seedSeconds: number };
  runs: { warmup: number; runs: number };
  nPlusOne?: NPlusOneResult;
  indexScan?: IndexScanResult;
  pagination?: PaginationResult;
  cache?: CacheResult;
  http?: HttpResult;
  /** Scenarios left out of this run, and why. */
  skipped: Record<string, string>;
}

export interface ClaimRow {
  practice: string;
  claim: string;
  measured: string;
  /** "0.6× the claim": the measured improvement factor over the claimed one; for HTTP, app ÷ ceiling. */
  ratio: string;
}

/**
 * Issue 14's goals, in % of the same bytes served by a bare Next.js app: the feed API with its
 * cache in process, the feed page (static) in any mode. None for the other figures.
 */
export function httpGoal(target: string, mode: string): number | undefined {
  if (target === "feed API") return mode === "cached in process" ? 90 : undefined;
  return target === "feed page" ? 80 : undefined;
}

const percent = (ratio: number) => `${round(ratio * 100, 1)} %`;
const ms = (value: number) => (value >= 100 ? `${Math.round(value)} ms` : `${value} ms`);
const factor = (value: number) => (value >= 10 ? `${Math.round(value)}×` : `${round(value, 1)}×`);
const ofClaim = (measured: number, claimed: number) => `${round(measured / claimed, 2)}× the claim`;

export function bytes(value: number): string {
  if (value >= 1_000_000) return `${round(value / 1_000_000, 1)} MB`;
  if (value >= 1_000) return `${round(value / 1_000, 1)} KB`;
  return `${value} B`;
}

export function claimRows(results: BenchResults): ClaimRow[] {
  const rows: ClaimRow[] = [];
  const { nPlusOne, indexScan, pagination, http } = results;
  if (nPlusOne) {
    const { loop, include } = nPlusOne;
    rows.push({
      practice: "A2.1 N+1: queries",
      claim: "50 → 2 (−96 %)",
      measured: `${loop.queries} → ${include.queries} (−${nPlusOne.queryReductionPct} %)`,
      ratio: ofClaim(loop.queries / include.queries, 25),
    });
    rows.push({
      practice: `A2.1 N+1: latency (${nPlusOne.users} users, ${nPlusOne.postsLoaded} posts)`,
      claim: "−80 %",
      measured: `${ms(loop.timing.medianMs)} → ${ms(include.timing.medianMs)} (−${nPlusOne.latencyReductionPct} %)`,
      ratio: ofClaim(loop.timing.medianMs / include.timing.medianMs, 5),
    });
  }
  if (indexScan) {
    const { withoutIndex, withIndex } = indexScan;
    rows.push({
      practice: `A2.2 index: posts WHERE user_id, round trip (${indexScan.tableRows.toLocaleString("en")} rows)`,
      claim: "3 s → 20 ms (150×)",
      measured: `${ms(withoutIndex.timing.medianMs)} → ${ms(withIndex.timing.medianMs)} (${factor(indexScan.speedUp)})`,
      ratio: ofClaim(indexScan.speedUp, 150),
    });
    rows.push({
      practice: "A2.2 index: same query, time inside PostgreSQL",
      claim: "150×",
      measured: `${withoutIndex.serverMedianMs} ms → ${withIndex.serverMedianMs} ms (${factor(indexScan.serverSpeedUp)})`,
      ratio: ofClaim(indexScan.serverSpeedUp, 150),
    });
    const planOf = (variant: typeof withIndex) =>
      `${variant.plan.scans.join(" / ")} (${variant.plan.sharedBuffers.toLocaleString("en")} buffers)`;
    rows.push({
      practice: "A2.2 index: plan (EXPLAIN ANALYZE, BUFFERS)",
      claim: "full scan → index",
      measured: `${planOf(withoutIndex)} → ${planOf(withIndex)}`,
      ratio: withIndex.plan.usesIndex ? "as claimed" : "differs",
    });
  }
  if (pagination) {
    const { all, page } = pagination;
    rows.push({
      practice: `A2.4 pagination: latency (${all.items.toLocaleString("en")} posts → ${page.items})`,
      claim: "10 s → 200 ms (−95 %)",
      measured: `${ms(all.timing.medianMs)} → ${ms(page.timing.medianMs)} (−${pagination.latencyReductionPct} %)`,
      ratio: ofClaim(all.timing.medianMs / page.timing.medianMs, 20),
    });
    rows.push({
      practice: "A2.4 uncached feed page: queries",
      claim: "—",
      measured: `${page.queries} (the page's rows and the list's total${pagination.totalIsEstimate ? ", estimated" : ""})`,
      ratio: page.queries <= 2 ? "goal ≤ 2 met" : "goal ≤ 2 missed",
    });
    const { offset, cursor } = pagination.deep;
    rows.push({
      practice: `A2.4 deep page (after row ${pagination.deep.row.toLocaleString("en")}): offset → cursor`,
      claim: "—",
      measured: `${ms(offset.medianMs)} → ${ms(cursor.medianMs)} (first page: ${ms(pagination.deep.first.medianMs)})`,
      ratio: `cursor ${factor(offset.medianMs / cursor.medianMs)} faster`,
    });
    rows.push({
      practice: "A2.4 pagination: JSON sent",
      claim: "50 MB → 500 KB (−99 %)",
      measured: `${bytes(all.bytes)} → ${bytes(page.bytes)} (−${pagination.bytesReductionPct} %)`,
      ratio: ofClaim(all.bytes / page.bytes, 100),
    });
  }
  for (const store of results.cache?.stores ?? []) {
    for (const [what, read] of [
      ["profile", store.profile],
      ["feed page", store.feed],
    ] as const) {
      rows.push({
        practice: `A3.3 cache: ${what}, miss → hit, ${store.store}`,
        claim: "500 ms → 20 ms (25×)",
        measured: `${ms(read.miss.medianMs)} → ${ms(read.hit.medianMs)} (${factor(read.speedUp)}; ${read.missQueries} → ${read.hitQueries} queries)`,
        ratio: ofClaim(read.speedUp, 25),
      });
    }
  }
  const workload = results.cache?.workload;
  if (workload) {
    const share = round((100 * workload.readsReachingDatabase) / workload.reads, 1);
    rows.push({
      practice: `A3.3 cache: database load (${workload.reads} reads, ${workload.writes} writes)`,
      claim: "−90 %",
      measured:
        `${workload.readsReachingDatabase} reads reached PostgreSQL (${share} %); ` +
        `queries ${workload.readQueriesUncached} → ${workload.readQueriesCached} (−${workload.loadReductionPct} %)`,
      ratio: ofClaim(workload.readQueriesUncached / Math.max(1, workload.readQueriesCached), 10),
    });
  }
  if (http?.visibility) {
    const { createMs, editMs, deleteMs, reads, mode } = http.visibility;
    const worst = Math.max(createMs, editMs, deleteMs);
    rows.push({
      practice: `Write → visible on the feed page (${mode}): new post, edit, deletion`,
      claim: "< 1 s",
      measured: `${createMs} ms, ${editMs} ms, ${deleteMs} ms after the response (reads: ${reads.create}, ${reads.edit}, ${reads.delete})`,
      ratio: worst < 1_000 ? "goal met" : "goal missed",
    });
  }
  for (const target of http?.targets ?? []) {
    for (const [mode, app] of Object.entries(target.app)) {
      rows.push({
        practice: `HTTP ${target.name}, ${mode} (${target.path})`,
        claim: httpGoal(target.name, mode) ? `≥ ${httpGoal(target.name, mode)} % of bare Next.js` : "—",
        measured:
          `${app.requestsPerSec} req/s, p50 ${app.p50Ms} ms, p99 ${app.p99Ms} ms ` +
          `(bare Next.js: ${app.paired?.next ?? target.nextCeiling.requestsPerSec} req/s; ` +
          `bare Node: ${app.paired?.ceiling ?? target.ceiling.requestsPerSec} req/s, in turn with it)` +
          (app.cpuUsPerRequest !== undefined && app.paired?.nextCpuUsPerRequest !== undefined
            ? `; CPU ${app.cpuUsPerRequest} µs a request (bare Next.js: ${app.paired.nextCpuUsPerRequest} µs)`
            : ""),
        ratio:
          `${percent(app.ratioToNext)} of bare Next.js, ${percent(app.ratioToCeiling)} of bare Node` +
          (app.cpuShareOfNext !== undefined ? `; in CPU, ${percent(app.cpuShareOfNext)} of bare Next.js` : ""),
      });
    }
  }
  return rows;
}

const HEADERS = ["Practice", "Article claims", "Measured here", "Ratio"] as const;

function cells(row: ClaimRow): string[] {
  return [row.practice, row.claim, row.measured, row.ratio];
}

/** A fixed-width table for the terminal. */
export function textTable(rows: ClaimRow[]): string {
  const all = [[...HEADERS], ...rows.map(cells)];
  const widths = HEADERS.map((_, i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(all[0] as string[]), widths.map((w) => "-".repeat(w)).join("  "), ...all.slice(1).map(line)].join("\n");
}

export function markdownTable(rows: ClaimRow[]): string {
  const escape = (cell: string) => cell.replace(/\|/g, "\\|");
  return [
    `| ${HEADERS.join(" | ")} |`,
    `| ${HEADERS.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${cells(row).map(escape).join(" | ")} |`),
  ].join("\n");
}

export function machineLines(results: BenchResults): string[] {
  const { machine, scale } = results;
  return [
    `Run: ${results.mode}, ${machine.date}; median of ${results.runs.runs} runs after ${results.runs.warmup} warm-up runs.`,
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.os}; Node ${machine.node}.`,
    `Database: ${machine.database.version}${machine.database.kind === "embedded" ? " (EMBEDDED, not a real server)" : ""}; Redis ${machine.redis}.`,
    `Data: ${scale.users.toLocaleString("en")} users, ${scale.posts.toLocaleString("en")} posts, ` +
      `${scale.comments.toLocaleString("en")} comments, seeded in ${scale.seedSeconds} s.`,
    `Load average (1 min): ${machine.loadAverage.start} at start, ${machine.loadAverage.end ?? "?"} at end.`,
    ...(results.http
      ? [
          results.http.cores
            ? `HTTP: the servers on cores ${results.http.cores.servers}, the load generator on core ${results.http.cores.loadGenerator}.`
            : "HTTP: the servers and the load generator shared every core.",
        ]
      : []),
    ...(machine.note ? [`Note: ${machine.note}`] : []),
    ...(results.mode === "smoke"
      ? ["Smoke run: tiny data, one run of each variant; it checks the benchmark, its figures measure nothing."]
      : []),
    ...Object.entries(results.skipped).map(([scenario, why]) => `Not measured: ${scenario}: ${why}`),
  ];
}

export function markdownReport(results: BenchResults): string {
  const plans = results.indexScan
    ? [
        "",
        "## Plans (A2.2)",
        "",
        "Without `idx_posts_user_id`:",
        "",
        "```",
        results.indexScan.withoutIndex.plan.text,
        "```",
        "",
        "With `idx_posts_user_id`:",
        "",
        "```",
        results.indexScan.withIndex.plan.text,
        "```",
      ]
    : [];
  return [
    "# Benchmark results",
    "",
    "Written by `npm run bench`; explained in docs/benchmarks.md.",
    "",
    ...machineLines(results).map((line) => `- ${line}`),
    "",
    markdownTable(claimRows(results)),
    ...plans,
    "",
  ].join("\n");
}

export const TABLE_START = "<!-- bench:latest:start -->";
export const TABLE_END = "<!-- bench:latest:end -->";

/** The latest figures for docs/benchmarks.md, between its two markers (the prose around them is kept). */
export function withLatestTable(doc: string, results: BenchResults): string {
  const start = doc.indexOf(TABLE_START);
  const end = doc.indexOf(TABLE_END);
  if (start === -1 || end < start) throw new Error(`docs/benchmarks.md needs ${TABLE_START} and ${TABLE_END}`);
  // The chart is the SVG the same run wrote beside its results (bench/run.ts).
  const chart = results.http
    ? [
        "",
        "![Requests per second of the app, as a share of a bare Next.js app serving the same bytes](../bench/results/latest.svg)",
      ]
    : [];
  const block = [...machineLines(results).map((line) => `- ${line}`), "", markdownTable(claimRows(results)), ...chart];
  return `${doc.slice(0, start + TABLE_START.length)}\n\n${block.join("\n")}\n\n${doc.slice(end)}`;
}
