import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, inject } from "vitest";
import { createDatabase, setDatabase, type Database } from "@/lib/prisma";
import { setCache } from "@/lib/redis";
import { createServices, type Services } from "@/server/services";
import { startEmbeddedPostgres } from "../../scripts/db/embedded";
import { createTestCache } from "./cache";
import { readDump } from "./global-setup";

export interface TestDatabase {
  url: string;
  db: Database;
  services: Services;
  /** SQL statements run since the last reset (each test starts at zero). */
  queries: string[];
  /** The same statements with their parameters (JSON, as Prisma logs them), to EXPLAIN one. */
  statements: { sql: string; params: string }[];
  resetQueries(): void;
}

async function createFreshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const source = inject("testDatabase");
  if (source.kind === "embedded") {
    const embedded = await startEmbeddedPostgres({ loadDataDir: await readDump(source.dumpPath) });
    return { url: embedded.url, drop: () => embedded.stop() };
  }
  const name = `scale_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: source.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${source.template}"`);
  const url = new URL(source.adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

/**
 * Gives the calling test file its own migrated database, used by every service and
 * route handler in that file. Queries are counted so tests can assert "no N+1".
 */
export function setupTestDatabase(): TestDatabase {
  const queries: string[] = [];
  const statements: { sql: string; params: string }[] = [];
  let drop: (() => Promise<void>) | undefined;
  const handle = {
    queries,
    statements,
    resetQueries: () => {
      queries.length = 0;
      statements.length = 0;
    },
  } as TestDatabase;

  beforeAll(async () => {
    const fresh = await createFreshDatabase();
    drop = fresh.drop;
    handle.url = fresh.url;
    handle.db = createDatabase({
      url: fresh.url,
      poolMax: 4,
      onQuery: (sql, params) => {
        queries.push(sql);
        statements.push({ sql, params });
      },
    });
    // Ids restart in every fresh database: each file gets its own cache too, so no entry of
    // another file's user 1 is ever read. Routes (getServices) share the same one.
    setCache(createTestCache());
    handle.services = createServices(handle.db);
    setDatabase(handle.db);
  }, 60_000);

  beforeEach(() => handle.resetQueries());

  afterAll(async () => {
    setDatabase(undefined);
    setCache(undefined);
    await handle.db?.$disconnect();
    await drop?.();
  }, 60_000);

  return handle;
}
