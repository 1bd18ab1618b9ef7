import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readdirSync, readFileSync } from "node:fs";
import { onCores } from "./cores";

export interface RunningProcess {
  child: ChildProcess;
  /** The last lines it wrote, for error messages. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts a child in its own process group, so that stop() also ends what it spawned
 * (`next start` runs its server in a worker process); on `cores` only, when given (bench/lib/cores.ts).
 */
export function startProcess(command: string, args: string[], env: NodeJS.ProcessEnv, cores?: string): RunningProcess {
  const [file, argv] = onCores(cores, command, args);
  const child = spawn(file, argv, { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let tail = "";
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = once(child, "exit");
  return {
    child,
    output: () => tail,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-(child.pid as number), "SIGTERM");
      } catch {
        return; // already gone
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-(child.pid as number), "SIGKILL");
        } catch {
          // already gone
        }
      }, 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Runs a command to completion; rejects with its last output when it fails. */
export async function runToCompletion(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const running = startProcess(command, args, env);
  const [code] = (await once(running.child, "exit")) as [number | null];
  if (code !== 0) throw new Error(`${command} ${args.join(" ")} exited with ${code}:\n${running.output()}`);
}

/** Polls `url` until it answers 200, or fails when `process` exits or `timeoutMs` passes. */
export async function waitForHttp(url: string, running: RunningProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (running.child.exitCode !== null) throw new Error(`server exited before answering:\n${running.output()}`);
    const status = await fetch(url).then(
      (res) => res.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms:\n${running.output()}`);
}

// Linux counts CPU time in clock ticks of 1/100 s (USER_HZ) in /proc/<pid>/stat.
const TICKS_PER_SECOND = 100;

/**
 * The CPU time (user and system, in seconds) used so far by the processes of one process group,
 * as `startProcess` starts them: what a server spent, whatever else shares the machine. Linux
 * only; undefined elsewhere.
 */
export function processGroupCpuSeconds(groupId: number | undefined): number | undefined {
  if (groupId === undefined || process.platform !== "linux") return undefined;
  let ticks = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // ended meanwhile
    }
    // The command name, in parentheses, may hold spaces: fields are counted after it.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // After the name: state (3), ppid (4), pgrp (5), …, utime (14), stime (15).
    if (Number(fields[2]) !== groupId) continue;
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / TICKS_PER_SECOND;
}
