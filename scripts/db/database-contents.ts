import pg from "pg";

// What a database holds, in terms two databases can be compared by: the relations outside
// PostgreSQL's own schemas, and for each table its row count and a checksum of its rows in
// primary-key order, so a restore that lost or changed a row shows. Sequences are compared by
// their last value, which may come back ahead (PostgreSQL logs 32 values in advance, and a copy
// of the data directory recovers like a crash) but never behind: that would reuse ids.

const USER_SCHEMAS = `n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'`;

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Tables, views and sequences outside the system schemas (or only in `schemas`); an empty list
 * means an empty database.
 */
export async function listRelations(client: pg.Client, schemas?: string[]): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND ${USER_SCHEMAS}
       AND ($1::text[] IS NULL OR n.nspname = ANY ($1)) ORDER BY 1`,
    [schemas ?? null],
  );
  return rows.map((row) => row.name);
}

type RelationContents = { kind: "table"; rows: number; checksum: string } | { kind: "sequence"; lastValue: number };

export type DatabaseContents = Map<string, RelationContents>;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function readContents(client: pg.Client): Promise<DatabaseContents> {
  const contents: DatabaseContents = new Map();
  const tables = await client.query<{ schema: string; name: string; key: string[] | null }>(
    `SELECT n.nspname AS schema, c.relname AS name,
       (SELECT array_agg(a.attname::text ORDER BY array_position(i.indkey::int2[], a.attnum))
          FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
         WHERE i.indrelid = c.oid AND i.indisprimary) AS key
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind = 'r' AND ${USER_SCHEMAS} ORDER BY 1, 2`,
  );
  for (const table of tables.rows) {
    // Without a primary key, the row's own text orders it: slower, equally deterministic.
    const order = table.key ? table.key.map((column) => `t.${quote(column)}`).join(", ") : "t::text";
    const { rows } = await client.query<{ rows: number; checksum: string }>(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(row_to_json(t)::text, E'\\n' ORDER BY ${order}), '')) AS checksum
       FROM ${quote(table.schema)}.${quote(table.name)} t`,
    );
    const { rows: count, checksum } = rows[0] as { rows: number; checksum: string };
    contents.set(`${table.schema}.${table.name}`, { kind: "table", rows: count, checksum });
  }
  const sequences = await client.query<{ name: string; last_value: string }>(
    `SELECT schemaname || '.' || sequencename AS name, coalesce(last_value, 0)::text AS last_value FROM pg_sequences
     WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`,
  );
  for (const sequence of sequences.rows) {
    contents.set(sequence.name, { kind: "sequence", lastValue: Number(sequence.last_value) });
  }
  return contents;
}

function describeDifference(name: string, want: RelationContents, got: RelationContents | undefined): string | null {
  if (!got) return `${name}: missing from the restored database`;
  if (want.kind !== got.kind) return `${name}: a ${want.kind} backed up, a ${got.kind} restored`;
  if (want.kind === "sequence" && got.kind === "sequence") {
    return got.lastValue < want.lastValue
      ? `${name}: sequence restored at ${got.lastValue}, behind the ${want.lastValue} backed up (new rows would reuse ids)`
      : null;
  }
  if (want.kind !== "table" || got.kind !== "table") return null;
  if (got.rows !== want.rows) return `${name}: ${want.rows} rows backed up, ${got.rows} restored`;
  if (got.checksum !== want.checksum) {
    return `${name}: same ${want.rows} rows, different contents (checksum ${want.checksum} backed up, ${got.checksum} restored)`;
  }
  return null;
}

/** One line per relation that differs, naming it; empty when the two match. */
export function compareContents(expected: DatabaseContents, actual: DatabaseContents): string[] {
  const differences: string[] = [];
  for (const [name, want] of expected) {
    const difference = describeDifference(name, want, actual.get(name));
    if (difference) differences.push(difference);
  }
  for (const name of actual.keys()) {
    if (!expected.has(name)) differences.push(`${name}: in the restored database only`);
  }
  return differences;
}
