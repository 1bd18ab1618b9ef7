import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lintMigrations } from "./lint-migrations";
import { MIGRATIONS_DIR } from "./schema-engine";
import { findUnsplittableSemicolons } from "./statement-splitting";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "lint-migrations-"));
  await cp(path.join(MIGRATIONS_DIR, "20261124000000_init"), path.join(dir, "20261124000000_init"), {
    recursive: true,
  });
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function addMigration(name: string, up: string, down: string | null = "SELECT 1;\n") {
  await mkdir(path.join(dir, name));
  await writeFile(path.join(dir, name, "migration.sql"), up);
  if (down !== null) await writeFile(path.join(dir, name, "down.sql"), down);
}

describe("lintMigrations", () => {
  it("passes the project's migrations", async () => {
    const result = await lintMigrations();
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it("fails a migration that would lock a busy table, naming squawk's rules", async () => {
    await addMigration(
      "20990101000000_unsafe",
      'ALTER TABLE "users" ADD COLUMN "role" TEXT NOT NULL;\nCREATE INDEX "idx_users_name" ON "users" ("name");\n',
    );
    const result = await lintMigrations(dir);
    expect(result.ok).toBe(false);
    expect(result.problems).toContain("squawk found unsafe statements (exit 1)");
    expect(result.squawkOutput).toContain("20990101000000_unsafe/migration.sql");
    expect(result.squawkOutput).toContain("adding-required-field");
    expect(result.squawkOutput).toContain("require-concurrent-index-creation");
    expect(result.squawkOutput).toContain("require-lock-timeout");
  });

  it("accepts the same change written the safe way", async () => {
    await addMigration(
      "20990101000000_safe",
      [
        "SET lock_timeout = 0;",
        "SET statement_timeout = 0;",
        'CREATE INDEX CONCURRENTLY IF NOT EXISTS "idx_users_name" ON "users" ("name");',
        "",
      ].join("\n"),
    );
    await expect(lintMigrations(dir)).resolves.toMatchObject({ ok: true, problems: [] });
  });

  it("refuses a concurrent index build under a lock timeout, which fails on any longer transaction", async () => {
    await addMigration(
      "20990101000000_build_under_timeout",
      [
        "SET lock_timeout = '3s';",
        "SET statement_timeout = 0;",
        'CREATE INDEX CONCURRENTLY IF NOT EXISTS "idx_users_name" ON "users" ("name");',
        "",
      ].join("\n"),
      "SET lock_timeout TO '3s';\nDROP INDEX CONCURRENTLY IF EXISTS \"idx_users_name\";\n",
    );
    const result = await lintMigrations(dir);
    expect(result.problems).toEqual([
      expect.stringMatching(
        /^20990101000000_build_under_timeout\/migration\.sql: "CREATE INDEX CONCURRENTLY .*lock_timeout = 3s/,
      ),
      expect.stringMatching(
        /^20990101000000_build_under_timeout\/down\.sql: "DROP INDEX CONCURRENTLY .*lock_timeout = 3s/,
      ),
    ]);
  });

  it("requires a down.sql beside every migration", async () => {
    await addMigration("20990101000000_no_down", "SELECT 1;\n", null);
    const result = await lintMigrations(dir);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual(["20990101000000_no_down/down.sql is missing"]);
  });

  it("refuses a ';' that the runner would split a statement on", async () => {
    await addMigration("20990101000000_do_block", "-- one; two\nDO $$ BEGIN PERFORM 1; END $$;\n");
    const result = await lintMigrations(dir);
    expect(result.problems).toEqual([
      '20990101000000_do_block/migration.sql:1: a ";" inside a comment would split the statement',
      '20990101000000_do_block/migration.sql:2: a ";" inside a dollar-quoted body would split the statement',
    ]);
  });
});

describe("findUnsplittableSemicolons", () => {
  it("allows ';' only between statements", () => {
    expect(findUnsplittableSemicolons("SELECT 'a'; SELECT \"b\";\n/* c */ SELECT $$d$$;")).toEqual([]);
    expect(findUnsplittableSemicolons("SELECT 'a;b';\nSELECT \"c;d\";\n/* e;\n f */ SELECT $x$;$x$;")).toEqual([
      { line: 1, where: "string" },
      { line: 2, where: "quoted name" },
      { line: 3, where: "comment" },
      { line: 4, where: "dollar-quoted body" },
    ]);
  });

  it("knows dollar-quote tags with digits, and that $1 is no tag", () => {
    expect(findUnsplittableSemicolons("CREATE FUNCTION f() AS $fn1$ SELECT 1; $fn1$ LANGUAGE sql;")).toEqual([
      { line: 1, where: "dollar-quoted body" },
    ]);
    expect(findUnsplittableSemicolons("SELECT $_2$;$_2$;\nSELECT $été$;$été$;")).toEqual([
      { line: 1, where: "dollar-quoted body" },
      { line: 2, where: "dollar-quoted body" },
    ]);
    expect(findUnsplittableSemicolons("PREPARE p AS SELECT $1; EXECUTE p(1);")).toEqual([]);
  });

  it("follows nested block comments to their end", () => {
    expect(findUnsplittableSemicolons("/* outer /* inner */ still; a comment */ SELECT 1;")).toEqual([
      { line: 1, where: "comment" },
    ]);
    expect(findUnsplittableSemicolons("/* a /* b\n*/ c */ SELECT ';';\n/* d */;")).toEqual([
      { line: 2, where: "string" },
    ]);
  });
});
