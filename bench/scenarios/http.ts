import { once } from "node:events";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { moveThisProcess, type CorePlan } from "../lib/cores";
import { check, median, round } from "../lib/measure";
import { startNextCeiling, type NextCeilingData } from "../lib/next-ceiling";
import {
  processGroupCpuSeconds,
  runToCompletion,
  startProcess,
  waitForHttp,
  type RunningProcess,
} from "../lib/processes";
import { runVisibility, type VisibilityResult } from "./visibility";

// Production build under load. The app's figures only mean something next to ceilings
// measured in the same run on the same machine: a bare Node server answering the same bytes
// from memory, and a bare Next.js app (bench/next-ceiling) answering the same API bytes from
// memory and serving the same feed page static. The app/ceiling ratios travel between machines;
// raw requests per second do not.

const ROOT = path.resolve(import.meta.dirname, "../..");
const NEXT_BIN = path.join(ROOT, "node_modules/.bin/next");

const HTTP_TARGETS = [
  { name: "feed API", path: "/api/posts?page=1&pageSize=20" },
  // The feed's first page, served static (docs/decisions/0106-static-public-pages.md).
  { name: "feed page", path: "/" },
] as const;

export interface LoadOptions {
  connections: number;
  /**
   * Seconds of load a server must have served on a figure's URL since it started before it is
   * measured (none when absent): JIT, heap sizing, pools, the app cache. A fresh Next.js process
   * serves a third to half less for its first 10 to 15 s under load. The app is started afresh
   * for each mode while the ceilings run for the whole benchmark, so a fixed warm-up per figure
   * measured the app younger than the ceilings it is compared with
   * (docs/decisions/0125-benchmark-servers-equally-warm.md).
   */
  warmupSeconds?: number;
  /**
   * Seconds of unmeasured load before each figure even for a server already warm (none when
   * absent): it brings back what it lost idling through the other servers' turns.
   */
  rewarmSeconds?: number;
  /** Seconds per figure; or `amount` requests when absent. */
  durationSeconds?: number;
  amount?: number;
  /**
   * Runs per figure (1 when absent), the duration shared among them. The app and its two
   * ceilings take turns, one run each, so that a machine whose speed drifts over a run (a
   * shared VM) slows all three alike instead of whichever was measured last.
   */
  rounds?: number;
}

export interface AppMode {
  /** "uncached", "cached", … */
  label: string;
  /** Extra environment for `next start` in this mode. */
  env: Record<string, string>;
  /** Time how soon writes show on the feed page in this mode. */
  timeWrites?: boolean;
}

export interface HttpOptions {
  /** Rebuild even when a build exists (full runs measure the code as it is now). */
  rebuild: boolean;
  appPort: number;
  ceilingPort: number;
  nextCeilingPort: number;
  /** Told of each figure as it is measured. */
  progress?: (message: string) => void;
  load: LoadOptions;
  modes: AppMode[];
  /** Separate cores for the servers and the load generator, where they can be assigned. */
  cores?: CorePlan;
}

export interface LoadResult {
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  bytesPerResponse: number;
  /**
   * The server's CPU time per request (microseconds; Linux): what it costs, apart from how much
   * CPU the load generator and the rest of the machine left it.
   */
  cpuUsPerRequest?: number;
}

/** An app figure with the ceilings measured in turn with it. */
interface AppLoadResult extends LoadResult {
  ratioToCeiling: number;
  ratioToNext: number;
  /** Requests per second of the bare Node server and of bare Next.js in the same rounds. */
  paired?: { ceiling: number; next: number; nextCpuUsPerRequest?: number };
  /** Bare Next.js's CPU time per request over the app's: the share measured in CPU. */
  cpuShareOfNext?: number;
}

interface HttpTargetResult {
  name: string;
  path: string;
  /** A bare Node server answering the same bytes (all its rounds together). */
  ceiling: LoadResult;
  /** A bare Next.js app answering the same bytes (API) or serving the same page static (all its rounds). */
  nextCeiling: LoadResult;
  app: Record<string, AppLoadResult>;
}

export interface HttpResult {
  load: LoadOptions;
  targets: HttpTargetResult[];
  /** From a write's response to the feed page showing it, in the mode that times writes. */
  visibility?: VisibilityResult & { mode: string };
  /** The cores the servers and the load generator ran on; absent when they shared every core. */
  cores?: CorePlan;
}

export async function load(url: string, options: LoadOptions, bytes: number): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections: options.connections,
    ...(options.durationSeconds ? { duration: options.durationSeconds } : { amount: options.amount ?? 100 }),
    timeout: 10,
  });
  check(
    result.non2xx === 0 && result.errors === 0 && result.timeouts === 0,
    `${url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts under load`,
  );
  return {
    requestsPerSec: round(result.requests.total / (result.duration || 1), 1),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    bytesPerResponse: bytes,
  };
}

/**
 * Seconds of unmeasured load a server is sent before a figure: what it still lacks of
 * `warmupSeconds` on the figure's URL, and `rewarmSeconds` at least.
 */
export function warmupDue(
  servedSeconds: number,
  options: Pick<LoadOptions, "warmupSeconds" | "rewarmSeconds">,
): number {
  return Math.max(options.rewarmSeconds ?? 0, (options.warmupSeconds ?? 0) - servedSeconds);
}

/** Seconds of load each server process has served on each URL (warm-up and measured runs). */
type LoadServed = Map<string, number>;

const servedKey = (server: Server) => `${server.processGroup ?? server.label} ${server.url}`;
const servedBy = (served: LoadServed, server: Server) => served.get(servedKey(server)) ?? 0;
const addServed = (served: LoadServed, server: Server, seconds: number) =>
  served.set(servedKey(server), servedBy(served, server) + seconds);

async function warmUp(server: Server, options: LoadOptions, served: LoadServed): Promise<void> {
  const seconds = warmupDue(servedBy(served, server), options);
  if (seconds <= 0) return;
  await load(server.url, { ...options, durationSeconds: seconds, amount: undefined }, 0);
  addServed(served, server, seconds);
}

const BENCH_AUTH_SECRET = `bench-${randomBytes(24).toString("hex")}`;

async function startApp(databaseUrl: string, port: number, mode: AppMode, cores?: string): Promise<RunningProcess> {
  const inherited = { ...process.env };
  // Each mode chooses its cache store; none inherits the shell's.
  for (const name of Object.keys(inherited)) if (name.startsWith("UPSTASH_REDIS_")) delete inherited[name];
  const app = startProcess(
    NEXT_BIN,
    ["start", "-p", String(port), "-H", "127.0.0.1"],
    {
      ...inherited,
      LOG_LEVEL: "warn",
      // Sessions for the writes the benchmark times: a secret for this run, and the origin writes come from.
      BETTER_AUTH_SECRET: BENCH_AUTH_SECRET,
      BETTER_AUTH_URL: `http://127.0.0.1:${port}`,
      ...mode.env,
      DATABASE_URL: databaseUrl,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    cores,
  );
  try {
    await waitForHttp(`http://127.0.0.1:${port}/api/posts`, app);
  } catch (error) {
    await app.stop();
    throw error;
  }
  return app;
}

async function startCeiling(
  responses: Record<string, { contentType: string; body: string }>,
  port: number,
  cores?: string,
) {
  const dir = await mkdtemp(path.join(tmpdir(), "scale-bench-"));
  const file = path.join(dir, "responses.json");
  await writeFile(file, JSON.stringify(responses));
  const server = startProcess(
    process.execPath,
    [path.join(ROOT, "bench/lib/ceiling-server.mjs"), file],
    {
      ...process.env,
      PORT: String(port),
    },
    cores,
  );
  const started = await Promise.race([
    once(server.child.stdout!, "data") as Promise<[Buffer]>,
    once(server.child, "exit").then(() => null),
  ]);
  if (!started) throw new Error(`the ceiling server exited:\n${server.output()}`);
  const { port: actualPort } = JSON.parse(started[0].toString()) as { port: number };
  return {
    port: actualPort,
    processGroup: server.child.pid,
    async stop() {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Builds the app for production when asked or when no build exists. */
async function ensureBuild(rebuild: boolean): Promise<boolean> {
  if (!rebuild && existsSync(path.join(ROOT, ".next/BUILD_ID"))) return false;
  // As `npm run build`: webpack, whose pages carry no inline script
  // (docs/decisions/0060-csp-without-inline-script.md).
  await runToCompletion(NEXT_BIN, ["build", "--webpack"], { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
  return true;
}

/** The feed page's props as the app's static page serves them to client navigations. */
async function feedPageProps(base: string): Promise<Record<string, unknown>> {
  const buildId = readFileSync(path.join(ROOT, ".next/BUILD_ID"), "utf8").trim();
  const res = await fetch(`${base}/_next/data/${buildId}/index.json`);
  check(res.status === 200, `the feed page's data answered ${res.status}`);
  return ((await res.json()) as { pageProps: Record<string, unknown> }).pageProps;
}

/** The runs of one figure taken together: all their requests over all their time. */
export function combineRuns(runs: LoadResult[]): LoadResult {
  const requests = runs.reduce((sum, run) => sum + run.requests, 0);
  const seconds = runs.reduce((sum, run) => sum + run.requests / (run.requestsPerSec || 1), 0);
  return {
    requestsPerSec: round(requests / (seconds || 1), 1),
    p50Ms: median(runs.map((run) => run.p50Ms)),
    p99Ms: Math.max(...runs.map((run) => run.p99Ms)),
    requests,
    bytesPerResponse: runs[0]?.bytesPerResponse ?? 0,
  };
}

/** One run's share of a figure's duration or requests. */
function roundOptions(options: LoadOptions): LoadOptions {
  const rounds = Math.max(1, options.rounds ?? 1);
  return options.durationSeconds
    ? { ...options, durationSeconds: Math.max(1, Math.round(options.durationSeconds / rounds)) }
    : { ...options, amount: Math.max(1, Math.round((options.amount ?? 100) / rounds)) };
}

interface Server {
  label: string;
  url: string;
  /** Its process group, whose CPU time is read around each run. */
  processGroup?: number;
}

/** Each server in turn, `rounds` times: one figure per server, from all its runs. */
async function measureInTurn(
  servers: Server[],
  options: HttpOptions,
  bytes: number,
  served: LoadServed,
): Promise<LoadResult[]> {
  for (const server of servers) await warmUp(server, options.load, served);
  const runs: LoadResult[][] = servers.map(() => []);
  // Undefined for a server whose CPU time cannot be read (no process group, not Linux).
  const cpuSeconds: (number | undefined)[] = servers.map(() => undefined);
  const perRun = roundOptions(options.load);
  for (let round = 0; round < Math.max(1, options.load.rounds ?? 1); round++) {
    for (const [i, server] of servers.entries()) {
      const before = processGroupCpuSeconds(server.processGroup);
      runs[i]!.push(await load(server.url, perRun, bytes));
      const after = processGroupCpuSeconds(server.processGroup);
      if (before !== undefined && after !== undefined) cpuSeconds[i] = (cpuSeconds[i] ?? 0) + after - before;
      addServed(served, server, perRun.durationSeconds ?? 0);
    }
  }
  return servers.map((server, i) => {
    const result = combineRuns(runs[i]!);
    const cpu = cpuSeconds[i];
    if (cpu !== undefined && result.requests > 0) result.cpuUsPerRequest = round((cpu * 1e6) / result.requests, 1);
    const cpuText = result.cpuUsPerRequest === undefined ? "" : `, CPU ${result.cpuUsPerRequest} µs a request`;
    options.progress?.(`${server.label}: ${result.requestsPerSec} req/s, p99 ${result.p99Ms} ms${cpuText}`);
    return result;
  });
}

export async function runHttp(databaseUrl: string, options: HttpOptions): Promise<HttpResult> {
  await ensureBuild(options.rebuild);
  const base = `http://127.0.0.1:${options.appPort}`;
  const responses: Record<string, { contentType: string; body: string }> = {};
  let pageProps: Record<string, unknown> | undefined;

  // The bytes the ceilings answer: what the app answers, captured from its first mode.
  const servers = options.cores?.servers;
  const first = await startApp(databaseUrl, options.appPort, options.modes[0]!, servers);
  try {
    for (const target of HTTP_TARGETS) {
      const res = await fetch(base + target.path);
      const body = await res.text();
      check(res.status === 200, `${target.path} answered ${res.status}`);
      responses[target.path] = { contentType: res.headers.get("content-type") ?? "text/plain", body };
      if (target.name === "feed API") {
        const items = (JSON.parse(body) as { items: unknown[] }).items;
        check(items.length > 0 && items.length <= 20, `the feed API should answer a page of posts`);
      }
    }
    pageProps = await feedPageProps(base);
  } finally {
    await first.stop();
  }

  // Both ceilings stay up for the whole run, so that every app figure is measured in turn with them.
  const ceiling = await startCeiling(responses, options.ceilingPort, servers);
  const api = responses[HTTP_TARGETS[0].path]!;
  options.progress?.("building the bare Next.js app (bench/next-ceiling)");
  const nextCeiling = await startNextCeiling(
    { api, feedPageProps: pageProps } satisfies NextCeilingData,
    options.nextCeilingPort,
    servers,
  ).catch(async (error: unknown) => {
    await ceiling.stop();
    throw error;
  });

  const bytesOf = (target: (typeof HTTP_TARGETS)[number]) => Buffer.byteLength(responses[target.path]?.body ?? "");
  const appLoads: { mode: string; target: string; result: AppLoadResult }[] = [];
  const ceilingRuns = new Map<string, { node: LoadResult[]; next: LoadResult[] }>(
    HTTP_TARGETS.map((target) => [target.name, { node: [], next: [] }]),
  );
  let visibility: HttpResult["visibility"];
  const served: LoadServed = new Map();
  try {
    if (options.cores) {
      moveThisProcess(options.cores.loadGenerator);
      options.progress?.(
        `servers on cores ${options.cores.servers}, the load generator on core ${options.cores.loadGenerator}`,
      );
    }
    for (const mode of options.modes) {
      const app = await startApp(databaseUrl, options.appPort, mode, servers);
      try {
        for (const target of HTTP_TARGETS) {
          const [appResult, next, node] = await measureInTurn(
            [
              { label: `app, ${target.name}, ${mode.label}`, url: base + target.path, processGroup: app.child.pid },
              {
                label: `bare Next.js, ${target.name}`,
                url: nextCeiling.url + target.path,
                processGroup: nextCeiling.processGroup,
              },
              {
                label: `bare Node, ${target.name}`,
                url: `http://127.0.0.1:${ceiling.port}${target.path}`,
                processGroup: ceiling.processGroup,
              },
            ],
            options,
            bytesOf(target),
            served,
          );
          ceilingRuns.get(target.name)!.next.push(next!);
          ceilingRuns.get(target.name)!.node.push(node!);
          const result: AppLoadResult = {
            ...appResult!,
            ratioToCeiling: round(appResult!.requestsPerSec / node!.requestsPerSec, 3),
            ratioToNext: round(appResult!.requestsPerSec / next!.requestsPerSec, 3),
            paired: {
              ceiling: node!.requestsPerSec,
              next: next!.requestsPerSec,
              ...(next!.cpuUsPerRequest === undefined ? {} : { nextCpuUsPerRequest: next!.cpuUsPerRequest }),
            },
            ...(appResult!.cpuUsPerRequest && next!.cpuUsPerRequest
              ? { cpuShareOfNext: round(next!.cpuUsPerRequest / appResult!.cpuUsPerRequest, 3) }
              : {}),
          };
          appLoads.push({ mode: mode.label, target: target.name, result });
        }
        if (mode.timeWrites && !visibility) {
          visibility = { mode: mode.label, ...(await runVisibility(databaseUrl, base)) };
          const { createMs, editMs, deleteMs } = visibility;
          options.progress?.(`write → visible on the feed page: ${createMs}, ${editMs}, ${deleteMs} ms`);
        }
      } finally {
        await app.stop();
      }
    }
  } finally {
    if (options.cores) moveThisProcess(options.cores.all);
    await nextCeiling.stop();
    await ceiling.stop();
  }

  const targets: HttpTargetResult[] = HTTP_TARGETS.map((target) => {
    const runs = ceilingRuns.get(target.name)!;
    const app: HttpTargetResult["app"] = {};
    for (const { mode, result } of appLoads.filter((l) => l.target === target.name)) app[mode] = result;
    return {
      name: target.name,
      path: target.path,
      ceiling: combineRuns(runs.node),
      nextCeiling: combineRuns(runs.next),
      app,
    };
  });
  return {
    load: options.load,
    targets,
    ...(visibility ? { visibility } : {}),
    ...(options.cores ? { cores: options.cores } : {}),
  };
}
