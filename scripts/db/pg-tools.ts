import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";

// pg_dump and pg_restore from the PostgreSQL client tools, run as child processes. Their
// --verbose lines are the progress shown on the terminal.

const INSTALL_HINT =
  "install the PostgreSQL client tools, at the server's major version or newer " +
  "(Debian/Ubuntu: apt-get install postgresql-client; macOS: brew install libpq; " +
  "Windows: the PostgreSQL installer), and put them on PATH";

// Prisma reads these from the URL; libpq (pg_dump, pg_restore) rejects them.
const PRISMA_ONLY_PARAMS = [
  "schema",
  "pgbouncer",
  "connection_limit",
  "pool_timeout",
  "socket_timeout",
  "statement_cache_size",
];

export function libpqUrl(url: string): string {
  const parsed = new URL(url);
  for (const name of PRISMA_ONLY_PARAMS) parsed.searchParams.delete(name);
  return parsed.toString();
}

const notFound = (tool: string) => new Error(`${tool} was not found: ${INSTALL_HINT}`);

/** The schemas an archive creates objects in, from its table of contents (`pg_restore --list`). */
export async function readArchiveSchemas(file: string): Promise<string[]> {
  const { stdout } = await promisify(execFile)("pg_restore", ["--list", file], { maxBuffer: 64 * 1024 * 1024 }).catch(
    (error: NodeJS.ErrnoException) => Promise.reject(error.code === "ENOENT" ? notFound("pg_restore") : error),
  );
  const schemas = new Set<string>();
  for (const match of stdout.matchAll(
    /^\d+; \d+ \d+ (?:TABLE|SEQUENCE|VIEW|MATERIALIZED VIEW) (?!DATA |OWNED BY |SET )(\S+) /gm,
  )) {
    schemas.add(match[1] as string);
  }
  return [...schemas].sort();
}

export type ProgressLog = (line: string) => void;

export function runPgTool(tool: "pg_dump" | "pg_restore", args: string[], log: ProgressLog): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ["ignore", "ignore", "pipe"] });
    const lines: string[] = [];
    let pending = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      const parts = (pending + chunk).split("\n");
      pending = parts.pop() ?? "";
      for (const line of parts) {
        lines.push(line);
        log(line);
      }
    });
    child.on("error", (error: NodeJS.ErrnoException) => {
      reject(error.code === "ENOENT" ? notFound(tool) : error);
    });
    child.on("close", (code) => {
      if (pending) log(pending);
      if (code === 0) return resolve();
      const reason = [...lines, pending].reverse().find((line) => /error|fatal/i.test(line)) ?? `exit code ${code}`;
      reject(new Error(`${tool} failed: ${reason.trim()}`));
    });
  });
}
