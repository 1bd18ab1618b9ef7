import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import { logger } from "../../src/lib/logger";
import { ROOT } from "./pages";

const require = createRequire(import.meta.url);
export const NEXT_BIN = require.resolve("next/dist/bin/next");

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
  // As `npm run build`: webpack, whose pages carry no inline script (decision 0060).
  const result = spawnSync(process.execPath, [NEXT_BIN, "build", "--webpack"], { cwd: ROOT, stdio: "inherit" });
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
  /** The server's process id. */
  pid: number;
  stop(): Promise<void>;
}

export interface NodeServerOptions {
  /**
   * Run the server at the lowest CPU priority (through `nice`, where the system has it): it
   * then never takes a core from the browser being measured on the same machine, as a real
   * server never takes one from its visitors' phones.
   */
  lowPriority?: boolean;
}

const NICE = ["/usr/bin/nice", "/bin/nice"].find((candidate) => existsSync(candidate));

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
  { lowPriority = false }: NodeServerOptions = {},
): Promise<ProductionServer> {
  // `nice` runs the program in its own process (exec): every thread of the server, and any
  // process it starts, has the low priority.
  const [command, commandArgs] =
    lowPriority && NICE ? [NICE, ["-n", "19", process.execPath, ...args]] : [process.execPath, args];
  const child = spawn(command, commandArgs, { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"], env });
  try {
    await waitUntilServing(origin, child);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return { origin, pid: child.pid!, stop: () => stopChild(child) };
}

// Production refuses to serve accounts without a cookie secret, and every page's header asks
// for the session: an audit run, which signs nobody in, gets a throwaway one.
const AUDIT_AUTH_SECRET = "lighthouse-only-secret-nobody-signs-in-with";

/**
 * `next start` on 127.0.0.1:port against the given database, at the lowest CPU priority: the
 * audited browser shares this machine's cores with it (docs/decisions/0115-lighthouse-measures-the-page-not-the-host.md).
 */
export function startProductionServer(port: number, databaseUrl: string): Promise<ProductionServer> {
  const origin = `http://127.0.0.1:${port}`;
  return startNodeServer(
    [NEXT_BIN, "start", "--hostname", "127.0.0.1", "--port", String(port)],
    origin,
    {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: databaseUrl,
      BETTER_AUTH_SECRET: AUDIT_AUTH_SECRET,
      BETTER_AUTH_URL: origin,
    },
    { lowPriority: true },
  );
}
