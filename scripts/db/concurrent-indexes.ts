import type pg from "pg";

// A concurrent index build that fails (a lock timeout, a deadlock, a duplicate for a unique
// index) leaves an INVALID index behind: never used by queries, still updated by every write,
// and kept by a rerun's `IF NOT EXISTS`. The migration runner drops such an index before it
// migrates and checks after that none is left (docs/decisions/0073-concurrent-index-builds.md).

export interface ConcurrentIndex {
  migration: string;
  name: string;
  /** The statement that builds it, as the runner sends it. */
  statement: string;
}

const CONCURRENT_BUILD =
  /^CREATE\s+(?:UNIQUE\s+)?INDEX\s+CONCURRENTLY\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:"([^"]+)"|([A-Za-z_][\w$]*))\s+ON\s/i;
const LOCK_TIMEOUT = /^SET\s+(?:SESSION\s+)?lock_timeout\s*(?:=|TO)\s*'?\s*([^';\s]+)/i;
const RESET_LOCK_TIMEOUT = /^RESET\s+lock_timeout/i;
const CONCURRENT_STATEMENT = /^(?:CREATE\s+(?:UNIQUE\s+)?INDEX|DROP\s+INDEX|REINDEX\s+\w+)\s+CONCURRENTLY\b/i;

/** The statements of a migration as the runner splits them (on every `;`), without comments. */
function statementsOf(sql: string): string[] {
  return sql
    .split(";")
    .map((piece) =>
      piece
        .replace(/\/\*[\s\S]*?\*\//g, " ")
        .replace(/--[^\n]*/g, " ")
        .trim(),
    )
    .filter(Boolean);
}

export function concurrentIndexesOf(migration: string, sql: string): ConcurrentIndex[] {
  return statementsOf(sql).flatMap((statement) => {
    const match = CONCURRENT_BUILD.exec(statement);
    const name = match?.[1] ?? match?.[2];
    return name ? [{ migration, name, statement }] : [];
  });
}

/** Lint: a concurrent build or drop under a lock timeout fails on any longer transaction. */
export function findConcurrentBuildsUnderLockTimeout(sql: string): string[] {
  let lockTimeout = "0";
  const problems: string[] = [];
  for (const statement of statementsOf(sql)) {
    const set = LOCK_TIMEOUT.exec(statement);
    if (set) lockTimeout = set[1] ?? "0";
    else if (RESET_LOCK_TIMEOUT.test(statement)) lockTimeout = "0";
    else if (CONCURRENT_STATEMENT.test(statement) && !/^0+(ms|s)?$/i.test(lockTimeout)) {
      problems.push(
        `"${statement.split(/\s+/).slice(0, 6).join(" ")} …" runs under lock_timeout = ${lockTimeout}: ` +
          "it waits for every older transaction, so any longer one fails it and leaves an INVALID index; SET lock_timeout = 0 before it",
      );
    }
  }
  return problems;
}

type Queryable = Pick<pg.ClientBase, "query">;

/** Indexes of the current schema that a failed or unfinished concurrent build left INVALID. */
export async function findInvalidIndexes(client: Queryable): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_index i
     JOIN pg_class c ON c.oid = i.indexrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE NOT i.indisvalid AND n.nspname = current_schema()
     ORDER BY 1`,
  );
  return rows.map((row) => row.name);
}

/**
 * Drops each INVALID index that a migration builds, so that the build runs again: the
 * migration itself rebuilds it when it is pending, and `rebuild` (the statement from the
 * migration) when that migration is already recorded as applied.
 */
export async function repairInvalidIndexes(
  client: Queryable,
  indexes: ConcurrentIndex[],
  appliedMigrations: ReadonlySet<string>,
): Promise<ConcurrentIndex[]> {
  const invalid = new Set(await findInvalidIndexes(client));
  const repaired = indexes.filter((index) => invalid.has(index.name));
  for (const index of repaired) {
    await client.query("SET lock_timeout = 0");
    await client.query("SET statement_timeout = 0");
    await client.query(`DROP INDEX CONCURRENTLY IF EXISTS "${index.name.replaceAll('"', '""')}"`);
    if (appliedMigrations.has(index.migration)) await client.query(index.statement);
    await client.query("RESET statement_timeout");
    await client.query("RESET lock_timeout");
  }
  return repaired;
}
