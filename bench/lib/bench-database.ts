import pg from "pg";
import { startEmbeddedPostgres } from "../../scripts/db/embedded";
import { applyMigrations } from "../../scripts/db/schema-engine";

export interface BenchDatabase {
  url: string;
  /** "postgresql" for a server reached by URL; "embedded" for PGlite (labelled in every result). */
  kind: "postgresql" | "embedded";
  name: string;
  drop(): Promise<void>;
}

/** Only names of this shape are ever dropped, so a mistyped option cannot drop the app's database. */
const BENCH_DATABASE_PATTERN = /^scale_bench[a-z0-9_]*$/;

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A freshly migrated database for the benchmark: `name` on the server of `serverUrl`
 * (dropped first if a previous run left it), or an in-memory embedded PostgreSQL.
 */
export async function createBenchDatabase(serverUrl: string | undefined, name: string): Promise<BenchDatabase> {
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres({ port: 0 });
    await applyMigrations(embedded.url);
    return { url: embedded.url, kind: "embedded", name: "embedded (PGlite, in memory)", drop: () => embedded.stop() };
  }
  if (!BENCH_DATABASE_PATTERN.test(name)) throw new Error(`refusing to use ${name}: bench databases are scale_bench*`);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = databaseUrl(serverUrl, name);
  await applyMigrations(url);
  return {
    url,
    kind: "postgresql",
    name,
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
