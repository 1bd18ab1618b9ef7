import pg from "pg";
import { rollbackMigrations } from "../../scripts/db/rollback";
import { readMigrations } from "../../scripts/db/schema-engine";

// What a database's schema is, read from the catalog: columns, enums, indexes, constraints
// and extensions, without Prisma's own history table. Two databases built different ways
// (migrations up, down and up again; or straight from schema.prisma) must give equal snapshots.

const QUERIES = {
  columns: `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
            FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
            ORDER BY table_name, column_name`,
  enums: `SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text AS labels
          FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
          WHERE t.typnamespace = 'public'::regnamespace GROUP BY t.typname ORDER BY t.typname`,
  indexes: `SELECT indexname, indexdef FROM pg_indexes
            WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY indexname`,
  constraints: `SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS definition,
                       convalidated
                FROM pg_constraint
                WHERE connamespace = 'public'::regnamespace AND conrelid <> to_regclass('_prisma_migrations')
                ORDER BY 1, 2`,
  extensions: "SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY extname",
};

export type SchemaSnapshot = Record<keyof typeof QUERIES, unknown[]>;

export async function snapshotSchema(url: string): Promise<SchemaSnapshot> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const snapshot = {} as SchemaSnapshot;
    for (const [name, sql] of Object.entries(QUERIES)) {
      snapshot[name as keyof SchemaSnapshot] = (await client.query(sql)).rows;
    }
    return snapshot;
  } finally {
    await client.end();
  }
}

/** Runs SQL as one batch on a short-lived connection (test setup, not migrations). */
export async function runSql(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query(sql);
    return Array.isArray(result) ? result.flatMap((r) => r.rows) : result.rows;
  } finally {
    await client.end();
  }
}

/**
 * Rolls back every applied migration from the one named `<stamp>_<name>` on (itself included),
 * so a test of an old step keeps working whatever migrations later releases add.
 */
export async function rollbackThrough(url: string, name: string): Promise<void> {
  const names = (await readMigrations()).migrationDirectories.map((d) => d.path);
  const index = names.findIndex((n) => n.replace(/^\d+_/, "") === name);
  if (index < 0) throw new Error(`no migration named ${name}`);
  await rollbackMigrations(url, { steps: names.length - index });
}
