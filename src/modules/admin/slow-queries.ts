import { sqlStateOf } from "@/lib/error-mapping";

// A1.4: the statements with the highest mean time, from pg_stat_statements. One reading for
// `npm run db:slow-queries` (over a pg client) and the admin console (over the app's Prisma
// client, in AdminRepository), so both show the same figures and the same advice.

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

/** What runs the statements: a node-postgres client, or the app's database through a repository. */
export interface SqlRunner {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

// Tags this report's own statements, which pg_stat_statements records like any other, so the
// report can leave them out (constants are normalised away; comments are kept).
const MARK = "/* db:slow-queries */";
const NOT_PRELOADED = "55000"; // "pg_stat_statements must be loaded via shared_preload_libraries"

export async function readSlowQueries(client: SqlRunner, limit = 10): Promise<SlowQueryReport> {
  const dbRows = (await client.query(`${MARK} SELECT current_database() AS database`)).rows as { database: string }[];
  const database = dbRows[0]?.database ?? "?";
  const ext = (
    await client.query(
      `${MARK} SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
       WHERE e.extname = 'pg_stat_statements'`,
    )
  ).rows as { schema: string }[];
  const schema = ext[0]?.schema;
  if (!schema) {
    const { rows } = await client.query(
      `${MARK} SELECT 1 AS available FROM pg_available_extensions WHERE name = 'pg_stat_statements'`,
    );
    return { kind: "missing", database, reason: rows.length > 0 ? "not-created" : "unavailable" };
  }
  try {
    // Only this database's statements: the view covers the whole server, which may be shared.
    const { rows } = await client.query(
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
    return { kind: "ok", database, queries: rows as SlowQuery[] };
  } catch (error) {
    if (sqlStateOf(error) === NOT_PRELOADED) return { kind: "missing", database, reason: "not-preloaded" };
    throw error;
  }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

const WHY: Record<MissingReason, (database: string) => string> = {
  unavailable: () =>
    "This PostgreSQL does not ship the pg_stat_statements module. The embedded database " +
    "(PGlite, used when DATABASE_URL is not set) never does: point DATABASE_URL at a real " +
    "PostgreSQL. On a server, install the contrib package (e.g. postgresql-contrib).",
  "not-created": (database) =>
    `The server has pg_stat_statements, but the extension is not created in database "${database}".`,
  "not-preloaded": () =>
    "The extension exists, but the server did not load the module at start: it must be listed " +
    "in shared_preload_libraries (which needs a restart).",
};

export interface EnableSteps {
  where: string;
  steps: string[];
}

/** Why there are no statistics, and how to enable them wherever the database runs. */
export function missingExtensionHelp(reason: MissingReason, database: string): { why: string; places: EnableSteps[] } {
  return {
    why: WHY[reason](database),
    places: [
      {
        where: "Local PostgreSQL (or any server you run)",
        steps: [
          "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'; (keep any library already " +
            "listed: SHOW shared_preload_libraries; then list them all, comma-separated), or set the same " +
            "line in postgresql.conf.",
          "Restart PostgreSQL (e.g. sudo systemctl restart postgresql, pg_ctlcluster 16 main restart, " +
            "or brew services restart postgresql@16).",
          "In your database: CREATE EXTENSION IF NOT EXISTS pg_stat_statements;",
        ],
      },
      {
        where: "Supabase",
        steps: [
          "Preloaded on every project. Dashboard > Database > Extensions > enable pg_stat_statements " +
            "(or CREATE EXTENSION IF NOT EXISTS pg_stat_statements; in the SQL editor).",
          "Reports > Query Performance shows the same statistics.",
        ],
      },
      {
        where: "Neon",
        steps: [
          "Preloaded on every compute: CREATE EXTENSION IF NOT EXISTS pg_stat_statements; once per database.",
          "Statistics are lost when the compute restarts or scales to zero.",
        ],
      },
    ],
  };
}
