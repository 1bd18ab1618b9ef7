import { execFileSync } from "node:child_process";
import os from "node:os";

// Under load, the servers and the load generator (this process, through autocannon) each get
// cores of their own, as when clients are other machines: sharing one, the scheduler decides
// how the CPU is split between them, and that split, not the server, decides the figure.
// docs/decisions/0122-benchmark-servers-on-their-own-cores.md

/** Linux CPU lists, as `taskset -c` reads them: "0", "0-2". */
export interface CorePlan {
  /** The servers under load: the app, both ceilings, the Redis REST translator. */
  servers: string;
  /** This process while it generates load. */
  loadGenerator: string;
  /** Every core, which this process gets back once the load is over. */
  all: string;
}

const range = (first: number, last: number) => (first === last ? String(first) : `${first}-${last}`);

/**
 * The last core for the load generator, the others for the servers; undefined where cores
 * cannot be assigned (not Linux, one core, no `taskset`): then everything shares every core.
 */
export function planCores(
  cores = os.availableParallelism(),
  platform = process.platform,
  tasksetFound = hasTaskset,
): CorePlan | undefined {
  if (platform !== "linux" || cores < 2 || !tasksetFound()) return undefined;
  return { servers: range(0, cores - 2), loadGenerator: String(cores - 1), all: range(0, cores - 1) };
}

function hasTaskset(): boolean {
  try {
    execFileSync("taskset", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** `command args` started on `cores` only (what it starts inherits them), or as it is without cores. */
export function onCores(cores: string | undefined, command: string, args: string[]): [string, string[]] {
  return cores === undefined ? [command, args] : ["taskset", ["-c", cores, command, ...args]];
}

/** Moves every thread of this process to `cores`. */
export function moveThisProcess(cores: string): void {
  execFileSync("taskset", ["-a", "-c", "-p", cores, String(process.pid)], { stdio: "ignore" });
}
