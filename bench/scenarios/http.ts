import { once } from "node:events";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { check, round } from "../lib/measure";
import { runToCompletion, startProcess, waitForHttp, type RunningProcess } from "../lib/processes";

// Production build under load. The app's figures only mean something next to a ceiling
// measured in the same run on the same machine: a bare Node server answering the same bytes
// from memory. The app/ceiling ratio travels between machines; raw requests per second do not.

const ROOT = path.resolve(import.meta.dirname, "../..");
const NEXT_BIN = path.join(ROOT, "node_modules/.bin/next");

export const HTTP_TARGETS = [
  { name: "feed API", path: "/api/posts?page=1&pageSize=20" },
  { name: "feed page", path: "/?page=1" },
] as const;

export interface LoadOptions {
  connections: number;
  /** Requests sent, unmeasured, before each measured run (JIT, connection pools, the app cache). */
  warmupRequests: number;
  /** Seconds per run; or `amount` requests when absent. */
  durationSeconds?: number;
  amount?: number;
}

export interface AppMode {
  /** "uncached", "cached", … */
  label: string;
  /** Extra environment for `next start` in this mode. */
  env: Record<string, string>;
}

export interface HttpOptions {
  /** Rebuild even when a build exists (full runs measure the code as it is now). */
  rebuild: boolean;
  appPort: number;
  ceilingPort: number;
  load: LoadOptions;
  modes: AppMode[];
}

export interface LoadResult {
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  bytesPerResponse: number;
}

export interface HttpTargetResult {
  name: string;
  path: string;
  ceiling: LoadResult;
  app: Record<string, LoadResult & { ratioToCeiling: number }>;
}

export interface HttpResult {
  load: LoadOptions;
  targets: HttpTargetResult[];
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

async function warmUp(url: string, options: LoadOptions): Promise<void> {
  if (options.warmupRequests > 0) {
    await load(url, { ...options, durationSeconds: undefined, amount: options.warmupRequests }, 0);
  }
}

async function startApp(databaseUrl: string, port: number, mode: AppMode): Promise<RunningProcess> {
  const inherited = { ...process.env };
  // Each mode chooses its cache store; none inherits the shell's.
  for (const name of Object.keys(inherited)) if (name.startsWith("UPSTASH_REDIS_")) delete inherited[name];
  const app = startProcess(NEXT_BIN, ["start", "-p", String(port), "-H", "127.0.0.1"], {
    ...inherited,
    LOG_LEVEL: "warn",
    ...mode.env,
    DATABASE_URL: databaseUrl,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
  });
  try {
    await waitForHttp(`http://127.0.0.1:${port}/api/posts`, app);
  } catch (error) {
    await app.stop();
    throw error;
  }
  return app;
}

async function startCeiling(responses: Record<string, { contentType: string; body: string }>, port: number) {
  const dir = await mkdtemp(path.join(tmpdir(), "scale-bench-"));
  const file = path.join(dir, "responses.json");
  await writeFile(file, JSON.stringify(responses));
  const server = startProcess(process.execPath, [path.join(ROOT, "bench/lib/ceiling-server.mjs"), file], {
    ...process.env,
    PORT: String(port),
  });
  const started = await Promise.race([
    once(server.child.stdout!, "data") as Promise<[Buffer]>,
    once(server.child, "exit").then(() => null),
  ]);
  if (!started) throw new Error(`the ceiling server exited:\n${server.output()}`);
  const { port: actualPort } = JSON.parse(started[0].toString()) as { port: number };
  return {
    port: actualPort,
    async stop() {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Builds the app for production when asked or when no build exists. */
export async function ensureBuild(rebuild: boolean): Promise<boolean> {
  if (!rebuild && existsSync(path.join(ROOT, ".next/BUILD_ID"))) return false;
  await runToCompletion(NEXT_BIN, ["build"], { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
  return true;
}

export async function runHttp(databaseUrl: string, options: HttpOptions): Promise<HttpResult> {
  await ensureBuild(options.rebuild);
  const base = `http://127.0.0.1:${options.appPort}`;
  const responses: Record<string, { contentType: string; body: string }> = {};
  const appLoads: { mode: string; target: string; result: LoadResult }[] = [];

  for (const mode of options.modes) {
    const app = await startApp(databaseUrl, options.appPort, mode);
    try {
      for (const target of HTTP_TARGETS) {
        const res = await fetch(base + target.path);
        const body = await res.text();
        check(res.status === 200, `${target.path} answered ${res.status}`);
        responses[target.path] ??= { contentType: res.headers.get("content-type") ?? "text/plain", body };
        if (target.name === "feed API") {
          const items = (JSON.parse(body) as { items: unknown[] }).items;
          check(items.length > 0 && items.length <= 20, `the feed API should answer a page of posts`);
        }
        await warmUp(base + target.path, options.load);
        const result = await load(base + target.path, options.load, Buffer.byteLength(body));
        appLoads.push({ mode: mode.label, target: target.name, result });
      }
    } finally {
      await app.stop();
    }
  }

  const ceiling = await startCeiling(responses, options.ceilingPort);
  const targets: HttpTargetResult[] = [];
  try {
    for (const target of HTTP_TARGETS) {
      const bytes = Buffer.byteLength(responses[target.path]?.body ?? "");
      await warmUp(`http://127.0.0.1:${ceiling.port}${target.path}`, options.load);
      const ceilingResult = await load(`http://127.0.0.1:${ceiling.port}${target.path}`, options.load, bytes);
      const app: HttpTargetResult["app"] = {};
      for (const { mode, result } of appLoads.filter((l) => l.target === target.name)) {
        app[mode] = { ...result, ratioToCeiling: round(result.requestsPerSec / ceilingResult.requestsPerSec, 3) };
      }
      targets.push({ name: target.name, path: target.path, ceiling: ceilingResult, app });
    }
  } finally {
    await ceiling.stop();
  }
  return { load: options.load, targets };
}
