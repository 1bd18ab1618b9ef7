import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import { logger } from "../../src/lib/logger";
import { ROOT } from "./pages";

const require = createRequire(import.meta.url);
const NEXT_BIN = require.resolve("next/dist/bin/next");

// What a production build depends on; a change to any of them makes `.next` stale.
const BUILD_INPUTS = ["src", "public", "next.config.js", "package-lock.json", "tsconfig.json"];

function newestChange(entry: string): number {
  const stats = statSync(entry, { throwIfNoEntry: false });
  if (!stats) return 0;
  if (!stats.isDirectory()) return stats.mtimeMs;
  const files = readdirSync(entry, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return Math.max(stats.mtimeMs, ...files.map((e) => statSync(path.join(e.parentPath, e.name)).mtimeMs));
}

/** Whether `.next` lacks a build newer than every file the build reads. */
export function isBuildStale(root = ROOT): boolean {
  const built = statSync(path.join(root, ".next/BUILD_ID"), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  return built <= Math.max(...BUILD_INPUTS.map((entry) => newestChange(path.join(root, entry))));
}

export function ensureFreshBuild(): void {
  if (!isBuildStale()) {
    logger.info("production build is up to date");
    return;
  }
  logger.info("building for production (sources changed since the last build)");
  const result = spawnSync(process.execPath, [NEXT_BIN, "build"], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface ProductionServer {
  origin: string;
  stop(): Promise<void>;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

async function waitUntilServing(origin: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      await fetch(origin, { signal: AbortSignal.timeout(5_000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`the server did not answer on ${origin} within ${timeoutMs / 1000} s`);
}

/** Runs a Node server script and resolves once `origin` answers; rejects if it exits first. */
export async function startNodeServer(
  args: string[],
  origin: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ProductionServer> {
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"], env });
  try {
    await waitUntilServing(origin, child);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return { origin, stop: () => stopChild(child) };
}

/** `next start` on 127.0.0.1:port against the given database. */
export function startProductionServer(port: number, databaseUrl: string): Promise<ProductionServer> {
  return startNodeServer(
    [NEXT_BIN, "start", "--hostname", "127.0.0.1", "--port", String(port)],
    `http://127.0.0.1:${port}`,
    { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: databaseUrl },
  );
}
