import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { MIGRATIONS_DIR } from "../../scripts/db/schema-engine";
import { rollbackThrough, runSql } from "#tests/schema-snapshot";
import { setupTestDatabase } from "#tests/test-database";

const t = setupTestDatabase();

describe("the role NOT NULL migration", () => {
  it("sets NOT NULL without scanning users: the validated check constraint proves it", async () => {
    await rollbackThrough(t.url, "user_role_not_null");
    expect(await runSql(t.url, "SELECT count(*)::int AS n FROM users")).toEqual([{ n: 0 }]);
    await runSql(t.url, "INSERT INTO users (email, name, role) VALUES ('a@example.com', 'A', 'admin')");
    const sql = await readFile(path.join(MIGRATIONS_DIR, "20261124030000_user_role_not_null/migration.sql"), "utf8");

    const client = new pg.Client({ connectionString: t.url });
    const notices: string[] = [];
    client.on("notice", (notice) => notices.push(notice.message ?? ""));
    await client.connect();
    try {
      // PostgreSQL reports at DEBUG1 when an existing constraint spares it the scan.
      await client.query("SET client_min_messages = debug1");
      await client.query(sql);
    } finally {
      await client.end();
    }
    expect(notices).toContainEqual(expect.stringMatching(/existing constraints on column "users.role" are sufficient/));
    await expect(
      runSql(
        t.url,
        "SELECT is_nullable FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'role'",
      ),
    ).resolves.toEqual([{ is_nullable: "NO" }]);
  });
});
