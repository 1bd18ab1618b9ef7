import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { concurrentIndexesOf } from "../../scripts/db/concurrent-indexes";
import { EDITED_MIGRATIONS, migrationChecksum } from "../../scripts/db/edited-migrations";
import { applyMigrations, checkIndexes, MIGRATIONS_DIR } from "../../scripts/db/schema-engine";
import { factories } from "#tests/factories";
import { expectLog } from "#tests/logs";
import { runSql } from "#tests/schema-snapshot";
import { setupTestDatabase } from "#tests/test-database";

const t = setupTestDatabase();
const MIGRATION = "20261124040000_idx_posts_user_id_created_at";
const INDEX = "idx_posts_user_id_created_at";

const invalidIndexes = async () =>
  (await runSql(t.url, "SELECT indexrelid::regclass::text AS name FROM pg_index WHERE NOT indisvalid")).map(
    (row) => (row as { name: string }).name,
  );
const indexDefinition = async () =>
  (await runSql(t.url, `SELECT indexdef FROM pg_indexes WHERE indexname = '${INDEX}'`)) as { indexdef: string }[];

/** What a failed concurrent build leaves: an INVALID index under the migration's index name. */
async function breakTheIndex() {
  await runSql(t.url, `DROP INDEX IF EXISTS "${INDEX}"`);
  // The user has two posts: a unique build fails on them, half done.
  await expect(runSql(t.url, `CREATE UNIQUE INDEX CONCURRENTLY "${INDEX}" ON posts (user_id)`)).rejects.toThrow();
  expect(await invalidIndexes()).toEqual([INDEX]);
}

beforeAll(async () => {
  const { createUser, createPost } = factories(() => t.services);
  const user = await createUser();
  await createPost({ userId: user.id });
  await createPost({ userId: user.id });
});

describe("db:migrate and INVALID indexes", () => {
  it("rebuilds the INVALID index of an applied migration (which a rerun's IF NOT EXISTS kept)", async () => {
    expectLog("warn", /^dropped an INVALID index left by a failed build$/);
    await breakTheIndex();
    await expect(applyMigrations(t.url)).resolves.toEqual([]);
    expect(await invalidIndexes()).toEqual([]);
    expect((await indexDefinition())[0]?.indexdef).toMatch(/\(user_id, created_at DESC, id DESC\)/);
  });

  it("drops it before a migration marked rolled back runs again, so the build really happens", async () => {
    expectLog("warn", /^dropped an INVALID index left by a failed build$/);
    await breakTheIndex();
    await runSql(t.url, `UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = '${MIGRATION}'`);
    await expect(applyMigrations(t.url)).resolves.toEqual([MIGRATION]);
    expect(await invalidIndexes()).toEqual([]);
    expect((await indexDefinition())[0]?.indexdef).toMatch(/\(user_id, created_at DESC, id DESC\)/);
  });

  it("fails when an index a migration builds is INVALID after migrating", async () => {
    expectLog("warn", /^dropped an INVALID index left by a failed build$/);
    const sql = await readFile(path.join(MIGRATIONS_DIR, MIGRATION, "migration.sql"), "utf8");
    const indexes = concurrentIndexesOf(MIGRATION, sql);
    expect(indexes.map((index) => index.name)).toEqual([INDEX]);
    await expect(checkIndexes(t.url, indexes)).resolves.toBeUndefined();
    await breakTheIndex();
    await expect(checkIndexes(t.url, indexes)).rejects.toThrow(`INVALID index after migrating: ${INDEX}`);
    await applyMigrations(t.url);
  });

  it("records the new checksum of a reviewed edit, and leaves any other checksum alone", async () => {
    const current = migrationChecksum(await readFile(path.join(MIGRATIONS_DIR, MIGRATION, "migration.sql"), "utf8"));
    const [released] = EDITED_MIGRATIONS[MIGRATION] ?? [];
    const checksum = async () =>
      (
        (await runSql(t.url, `SELECT checksum FROM _prisma_migrations WHERE migration_name = '${MIGRATION}'`))[0] as {
          checksum: string;
        }
      ).checksum;
    await runSql(t.url, `UPDATE _prisma_migrations SET checksum = '${released}' WHERE migration_name = '${MIGRATION}'`);
    await applyMigrations(t.url);
    expect(await checksum()).toBe(current);
    await runSql(t.url, `UPDATE _prisma_migrations SET checksum = 'hand-edited' WHERE migration_name = '${MIGRATION}'`);
    await applyMigrations(t.url);
    expect(await checksum()).toBe("hand-edited");
  });
});

describe("every migration builds only valid indexes", () => {
  it("leaves no INVALID index on a freshly migrated database", async () => {
    expect(await invalidIndexes()).toEqual([]);
  });
});
