import type pg from "pg";

// A1.4: the statements with the highest mean time, from pg_stat_statements.

export interface SlowQuery {
  meanMs: number;
  calls: number;
  totalMs: number;
  percentOfTotal: number;
  rows: number;
  query: string;
}

/** Why there is nothing to show: the module is absent, not created here, or not preloaded. */
export type MissingReason = "unavailable" | "not-created" | "not-preloaded";

export type SlowQueryReport =
  { kind: "ok"; database: string; queries: SlowQuery[] } | { kind: "missing"; database: string; reason: MissingReason };

type Queryable = Pick<pg.ClientBase, "query">;

// Tags this report's own statements, which pg_stat_statements records like any other, so the
// report can leave them out (constants are normalised away; comments are kept).
const MARK = "/* db:slow-queries */";
const NOT_PRELOADED = "55000"; // "pg_stat_statements must be loaded via shared_preload_libraries"

export async function readSlowQueries(client: Queryable, limit = 10): Promise<SlowQueryReport> {
  const { rows: dbRows } = await client.query<{ database: string }>(`${MARK} SELECT current_database() AS database`);
  const database = dbRows[0]?.database ?? "?";
  const { rows: ext } = await client.query<{ schema: string }>(
    `${MARK} SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
     WHERE e.extname = 'pg_stat_statements'`,
  );
  const schema = ext[0]?.schema;
  if (!schema) {
    const { rowCount } = await client.query(
      `${MARK} SELECT 1 FROM pg_available_extensions WHERE name = 'pg_stat_statements'`,
    );
    return { kind: "missing", database, reason: rowCount ? "not-created" : "unavailable" };
  }
  try {
    // Only this database's statements: the view covers the whole server, which may be shared.
    const { rows } = await client.query<SlowQuery>(
      `${MARK} SELECT mean_exec_time::float8 AS "meanMs", calls::int8::float8 AS calls,
              total_exec_time::float8 AS "totalMs", rows::float8 AS rows,
              coalesce(100 * total_exec_time / nullif(sum(total_exec_time) OVER (), 0), 0)::float8 AS "percentOfTotal",
              query
       FROM ${quoteIdent(schema)}.pg_stat_statements
       WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
         AND query NOT LIKE '%' || $2 || '%'
       ORDER BY mean_exec_time DESC
       LIMIT $1`,
      [limit, MARK],
    );
    return { kind: "ok", database, queries: rows };
  } catch (error) {
    if ((error as { code?: string }).code === NOT_PRELOADED)
      return { kind: "missing", database, reason: "not-preloaded" };
    throw error;
  }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

const COLUMNS = [
  { title: "#", align: "right" },
  { title: "mean ms", align: "right" },
  { title: "calls", align: "right" },
  { title: "total ms", align: "right" },
  { title: "% time", align: "right" },
  { title: "rows", align: "right" },
  { title: "query", align: "left" },
] as const;

/** A plain-text table, one statement a line, its text collapsed to one line and cut to fit. */
export function formatSlowQueries(report: Extract<SlowQueryReport, { kind: "ok" }>, queryWidth = 80): string {
  if (report.queries.length === 0) {
    return `No statements recorded yet in database "${report.database}": use the app, then run this again.\n`;
  }
  const cells = report.queries.map((q, i) => [
    String(i + 1),
    q.meanMs.toFixed(2),
    String(q.calls),
    q.totalMs.toFixed(1),
    q.percentOfTotal.toFixed(1),
    String(q.rows),
    oneLine(q.query, queryWidth),
  ]);
  const widths = COLUMNS.map((column, c) => Math.max(column.title.length, ...cells.map((row) => row[c]!.length)));
  const line = (values: readonly string[]) =>
    values
      .map((value, c) => (COLUMNS[c]!.align === "right" ? value.padStart(widths[c]!) : value.padEnd(widths[c]!)))
      .join("  ")
      .trimEnd();
  return [
    `Top ${cells.length} statements by mean execution time in database "${report.database}" (pg_stat_statements)`,
    "",
    line(COLUMNS.map((column) => column.title)),
    line(widths.map((width) => "-".repeat(width))),
    ...cells.map(line),
    "",
    "Statistics accumulate since the last reset: SELECT pg_stat_statements_reset(); starts afresh.",
    "",
  ].join("\n");
}

function oneLine(query: string, width: number): string {
  const text = query.replace(/\s+/g, " ").trim();
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

const WHY: Record<MissingReason, (database: string) => string> = {
  unavailable: () =>
    "This PostgreSQL does not ship the pg_stat_statements module. The embedded database\n" +
    "(PGlite, used when DATABASE_URL is not set) never does: point DATABASE_URL at a real\n" +
    "PostgreSQL. On a server, install the contrib package (e.g. postgresql-contrib).",
  "not-created": (database) =>
    `The server has pg_stat_statements, but the extension is not created in database "${database}".`,
  "not-preloaded": () =>
    "The extension exists, but the server did not load the module at start: it must be listed\n" +
    "in shared_preload_libraries (which needs a restart).",
};

/** What to do, wherever the database runs, when there are no statistics to read. */
export function explainMissingExtension(reason: MissingReason, database: string): string {
  return `pg_stat_statements is not enabled, so there are no statement statistics to show.

${WHY[reason](database)}

Enable it once:

  Local PostgreSQL (or any server you run)
    1. ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements';
       (keep any library already listed: SHOW shared_preload_libraries; then list them all,
       comma-separated), or set the same line in postgresql.conf.
    2. Restart PostgreSQL (e.g. sudo systemctl restart postgresql, pg_ctlcluster 16 main restart,
       or brew services restart postgresql@16).
    3. In your database: CREATE EXTENSION IF NOT EXISTS pg_stat_statements;

  Supabase
    Preloaded on every project. Dashboard > Database > Extensions > enable pg_stat_statements
    (or CREATE EXTENSION IF NOT EXISTS pg_stat_statements; in the SQL editor).
    Reports > Query Performance shows the same statistics.

  Neon
    Preloaded on every compute: CREATE EXTENSION IF NOT EXISTS pg_stat_statements; once per
    database. Statistics are lost when the compute restarts or scales to zero.

Then let the app serve some traffic and run npm run db:slow-queries again.
`;
}
