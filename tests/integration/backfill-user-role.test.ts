import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { backfillUserRole } from "../../scripts/db/backfill-user-role";
import { rollbackThrough, runSql } from "#tests/schema-snapshot";
import { setupTestDatabase } from "#tests/test-database";

const t = setupTestDatabase();
// PGlite runs one transaction at a time, so a second session can never hold a row lock
// while the backfill waits for it: this needs a real server (TEST_DATABASE_URL).
const embedded = inject("testDatabase").kind === "embedded";

describe("backfillUserRole", () => {
  it.skipIf(embedded)("retries a batch that waited too long for a row lock, then finishes", async () => {
    // Back to the schema where role is still nullable.
    await rollbackThrough(t.url, "check_user_role_not_null");
    await runSql(
      t.url,
      "INSERT INTO users (email, name, role) SELECT 'lock-' || g || '@example.com', 'L', NULL FROM generate_series(1, 5) g",
    );
    const locker = new pg.Client({ connectionString: t.url });
    await locker.connect();
    try {
      await locker.query("BEGIN");
      await locker.query("SELECT id FROM users WHERE role IS NULL ORDER BY id LIMIT 1 FOR UPDATE");
      const retried: string[] = [];
      const result = await backfillUserRole(t.url, {
        lockTimeoutMs: 50,
        onRetry: async (error) => {
          retried.push((error as Error & { code?: string }).code ?? "");
          await locker.query("COMMIT");
        },
      });
      expect(retried).toEqual(["55P03"]);
      expect(result).toEqual({ updated: 5, batches: 1, complete: true });
    } finally {
      await locker.end();
    }
  });
});
