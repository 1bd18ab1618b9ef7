import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import { processSingleton } from "../../src/lib/process-singleton";
import { logger } from "../../src/lib/logger";
import {
  concurrentIndexesOf,
  findInvalidIndexes,
  repairInvalidIndexes,
  type ConcurrentIndex,
} from "./concurrent-indexes";
import { updateEditedChecksums } from "./edited-migrations";

// Prisma's schema engine, compiled to WebAssembly, driven through @prisma/adapter-pg.
// It applies prisma/migrations with the same `_prisma_migrations` history as
// `prisma migrate deploy`, without the native engine the CLI downloads at start.

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const MIGRATIONS_DIR = path.join(ROOT, "prisma/migrations");
export const SCHEMA_PATH = path.join(ROOT, "prisma/schema.prisma");

const NO_FILTER = { externalTables: [], externalEnums: [] };

type WasmBindings = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

// The package imports its .wasm as an ES module, which not every loader supports (Node 20
// needed --experimental-wasm-modules); instantiating it here needs nothing.
// Instantiated once per process (the module it initialises is itself one per process).
const bindings = processSingleton("schemaEngineBindings", async (): Promise<WasmBindings> => {
  const bg: WasmBindings = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const require = createRequire(import.meta.url);
  const wasmPath = path.join(
    path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")),
    "schema_engine_bg.wasm",
  );
  const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
    "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports,
  });
  const exports = instance.exports as WebAssembly.Exports & { __wbindgen_start(): void };
  bg.__wbg_set_wasm(exports);
  exports.__wbindgen_start();
  return bg;
});
const loadBindings = bindings.get;

export interface EngineHandle {
  engine: SchemaEngine;
  close(): Promise<void>;
}

async function openSchemaEngine(connectionString: string): Promise<EngineHandle> {
  const { SchemaEngine } = await loadBindings();
  // Our own pool, so that close() ends it: the adapter's would keep the process alive.
  const pool = new pg.Pool({ connectionString, max: 1 });
  const factory = bindMigrationAwareSqlAdapterFactory(new PrismaPg(pool));
  const engine = await SchemaEngine.new({ datamodels: undefined }, () => {}, factory);
  return {
    engine,
    async close() {
      engine.free();
      await pool.end();
    },
  };
}

/** `upTo` keeps only the migrations up to that one (tests replay a release's steps one by one). */
export async function readMigrations(dir = MIGRATIONS_DIR, upTo?: string): Promise<MigrationList> {
  const lockPath = "migration_lock.toml";
  const lockContent = await readFile(path.join(dir, lockPath), "utf8").catch(() => null);
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .filter((name) => upTo === undefined || name <= upTo)
    .sort();
  const migrationDirectories = await Promise.all(
    names.map(async (name) => {
      const content = await readFile(path.join(dir, name, "migration.sql"), "utf8")
        .then((value) => ({ tag: "ok" as const, value }))
        .catch((error: Error) => ({ tag: "error" as const, value: error.message }));
      return { path: name, migrationFile: { path: "migration.sql", content } };
    }),
  );
  return {
    baseDir: dir,
    lockfile: { path: lockPath, content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

/** The lock Prisma's schema engine takes while it migrates (rollback.ts takes it too). */
export const PRISMA_MIGRATE_LOCK = 72_707_369;

function migrationTexts(list: MigrationList): { name: string; content: string }[] {
  return list.migrationDirectories.flatMap((d) =>
    d.migrationFile.content.tag === "ok" ? [{ name: d.path, content: d.migrationFile.content.value }] : [],
  );
}

// Before the engine runs: record the checksums of reviewed edits, and drop the INVALID indexes
// that a failed concurrent build left, rebuilding those of migrations already applied.
async function prepareDatabase(connectionString: string, list: MigrationList, indexes: ConcurrentIndex[]) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK]);
    const { rows } = await client.query("SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present");
    if (!rows[0]?.present) return;
    await updateEditedChecksums(client, migrationTexts(list));
    const applied = await client.query<{ migration_name: string }>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    const repaired = await repairInvalidIndexes(client, indexes, new Set(applied.rows.map((r) => r.migration_name)));
    for (const index of repaired) {
      logger.warn({ index: index.name, migration: index.migration }, "dropped an INVALID index left by a failed build");
    }
  } finally {
    await client.end(); // also releases the advisory lock
  }
}

// After: an index a migration builds must be valid, or the deploy fails here rather than
// leaving queries without it. Other INVALID indexes (an operator's build in progress) are reported.
export async function checkIndexes(connectionString: string, indexes: ConcurrentIndex[]) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const invalid = await findInvalidIndexes(client);
    const ours = invalid.filter((name) => indexes.some((index) => index.name === name));
    const others = invalid.filter((name) => !ours.includes(name));
    if (others.length > 0) logger.warn({ indexes: others }, "INVALID indexes that no migration builds");
    if (ours.length > 0) {
      throw new Error(
        `INVALID index after migrating: ${ours.join(", ")} (a concurrent build failed); run db:migrate again to rebuild it`,
      );
    }
  } finally {
    await client.end();
  }
}

export async function applyMigrations(connectionString: string, dir = MIGRATIONS_DIR, upTo?: string) {
  const migrationsList = await readMigrations(dir, upTo);
  const indexes = migrationTexts(migrationsList).flatMap(({ name, content }) => concurrentIndexesOf(name, content));
  await prepareDatabase(connectionString, migrationsList, indexes);
  const handle = await openSchemaEngine(connectionString);
  let appliedMigrationNames: string[];
  try {
    ({ appliedMigrationNames } = await handle.engine.applyMigrations({ migrationsList, filters: NO_FILTER }));
  } finally {
    await handle.close();
  }
  await checkIndexes(connectionString, indexes);
  return appliedMigrationNames;
}

/**
 * The SQL that creates prisma/schema.prisma on an empty database, straight from the schema.
 * Tests compare what it builds with what the migrations build: they must agree.
 */
export async function schemaCreationScript(connectionString: string): Promise<string> {
  const handle = await openSchemaEngine(connectionString);
  try {
    const schema = await readFile(SCHEMA_PATH, "utf8");
    const result = await handle.engine.diff({
      from: { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: schema }] },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    });
    return result.stdout ?? "";
  } finally {
    await handle.close();
  }
}

/**
 * Drafts of the SQL that takes the `previous` schema to the `current` one and back, without
 * reading any database; `null` when the schemas describe the same database.
 */
export async function draftMigration(
  connectionString: string,
  previous: string,
  current: string,
): Promise<{ up: string; down: string } | null> {
  const handle = await openSchemaEngine(connectionString);
  const diff = async (from: string, to: string) => {
    const { stdout } = await handle.engine.diff({
      from: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: from }] },
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: to }] },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    });
    return (stdout ?? "").trim();
  };
  try {
    const up = await diff(previous, current);
    if (!up || up === "-- This is an empty migration.") return null;
    return { up, down: await diff(current, previous) };
  } finally {
    await handle.close();
  }
}
