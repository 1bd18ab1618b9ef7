import path from "node:path";
import type { EmbeddedLocation } from "./backup-restore";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export type DatabaseTarget = { kind: "postgres"; url: string } | ({ kind: "embedded" } & EmbeddedLocation);

/** The database the commands act on: the direct URL first (pg_dump through a pooler misbehaves). */
export function resolveTarget(env: Record<string, string | undefined>, root = ROOT): DatabaseTarget {
  const url = env.DIRECT_DATABASE_URL || env.DATABASE_URL;
  if (url) return { kind: "postgres", url };
  return {
    kind: "embedded",
    dataDir: path.resolve(root, env.EMBEDDED_DB_DIR || ".data/pglite"),
    port: Number(env.EMBEDDED_DB_PORT ?? 54_329),
  };
}

export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === "embedded") {
    const relative = path.relative(ROOT, target.dataDir);
    return `the embedded database in ${relative.startsWith("..") || path.isAbsolute(relative) ? target.dataDir : relative}`;
  }
  const url = new URL(target.url);
  return `${url.pathname.slice(1) || "postgres"} on ${url.hostname}:${url.port || 5432}`;
}

export function printError(error: unknown): void {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
}

export const progress = (line: string) => process.stderr.write(`${line}\n`);
