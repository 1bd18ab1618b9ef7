import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyMigrations, MIGRATIONS_DIR, readMigrations, schemaCreationScript } from "../../scripts/db/schema-engine";
import { rollbackMigrations } from "../../scripts/db/rollback";
import { runSql, snapshotSchema } from "#tests/schema-snapshot";
import { setupTestDatabase } from "#tests/test-database";

const t = setupTestDatabase();

async function migrationNames(): Promise<string[]> {
  return (await readMigrations()).migrationDirectories.map((d) => d.path);
}

describe("down migrations", () => {
  it("take every migration down and up again, one to all of them, to the same schema", async () => {
    const names = await migrationNames();
    const migrated = await snapshotSchema(t.url);
    for (let steps = 1; steps <= names.length; steps++) {
      const expected = names.slice(-steps);
      await expect(rollbackMigrations(t.url, { steps })).resolves.toEqual([...expected].reverse());
      if (steps === names.length) {
        const tables = await runSql(t.url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
        expect(tables).toEqual([{ tablename: "_prisma_migrations" }]);
      }
      // What `npm run db:migrate` does: Prisma skips the rows marked rolled back.
      await expect(applyMigrations(t.url)).resolves.toEqual(expected);
      expect(await snapshotSchema(t.url)).toEqual(migrated);
    }
    const history = await runSql(
      t.url,
      "SELECT count(*)::int AS rolled_back FROM _prisma_migrations WHERE rolled_back_at IS NOT NULL",
    );
    expect(history).toEqual([{ rolled_back: (names.length * (names.length + 1)) / 2 }]);
  });

  it("refuse a migration without down.sql, and report a down.sql that fails, changing nothing", async () => {
    const names = await migrationNames();
    const latest = names.at(-1) as string;
    const dir = await mkdtemp(path.join(tmpdir(), "rollback-"));
    try {
      await cp(MIGRATIONS_DIR, dir, { recursive: true });
      await rm(path.join(dir, latest, "down.sql"));
      await expect(rollbackMigrations(t.url, { dir })).rejects.toThrow(`${latest}/down.sql is missing`);
      await writeFile(path.join(dir, latest, "down.sql"), "SELECT no_such_column FROM users;\n");
      await expect(rollbackMigrations(t.url, { dir })).rejects.toThrow(`the down migration of ${latest} failed`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    await expect(applyMigrations(t.url)).resolves.toEqual([]);
  });

  it("say so when there is nothing to roll back", async () => {
    const names = await migrationNames();
    await rollbackMigrations(t.url, { steps: names.length });
    await expect(rollbackMigrations(t.url)).resolves.toEqual([]);
    await applyMigrations(t.url);
  });
});

describe("schema.prisma", () => {
  it("describes exactly what the migrations build", async () => {
    const migrated = await snapshotSchema(t.url);
    const names = await migrationNames();
    await rollbackMigrations(t.url, { steps: names.length });
    // Extensions are not in schema.prisma; the first migration creates pg_trgm.
    await runSql(t.url, `CREATE EXTENSION IF NOT EXISTS pg_trgm;\n${await schemaCreationScript(t.url)}`);
    expect(await snapshotSchema(t.url)).toEqual(migrated);
  });
});

// Last: it leaves the database without Prisma's history table.
describe("a database where no migration was ever recorded", () => {
  it("has nothing to roll back", async () => {
    await runSql(t.url, "DROP TABLE _prisma_migrations");
    await expect(rollbackMigrations(t.url)).resolves.toEqual([]);
  });
});
