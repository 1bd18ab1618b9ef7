import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSlowQueries } from "@/modules/admin/slow-queries";
import { setupTestDatabase } from "#tests/test-database";

// Runs on whichever PostgreSQL the tests use: the embedded PGlite has no pg_stat_statements;
// a real server may or may not preload it (CI preloads it: .ci/enable-pg-stat-statements.sh).
const t = setupTestDatabase();
let client: pg.Client;

beforeAll(async () => {
  client = new pg.Client({ connectionString: t.url });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
});

async function moduleState(): Promise<"unavailable" | "available" | "preloaded"> {
  const { rowCount } = await client.query("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_stat_statements'");
  if (!rowCount) return "unavailable";
  const { rows } = await client.query<{ libraries: string }>(
    "SELECT current_setting('shared_preload_libraries') AS libraries",
  );
  return rows[0]?.libraries.split(",").some((l) => l.trim() === "pg_stat_statements") ? "preloaded" : "available";
}

describe("readSlowQueries", () => {
  it("explains what is missing, or lists this database's slowest statements first", async () => {
    const state = await moduleState();
    if (state === "unavailable") {
      await expect(readSlowQueries(client)).resolves.toMatchObject({ kind: "missing", reason: "unavailable" });
      return;
    }
    await expect(readSlowQueries(client)).resolves.toMatchObject({ kind: "missing", reason: "not-created" });
    await client.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    if (state === "available") {
      await expect(readSlowQueries(client)).resolves.toMatchObject({ kind: "missing", reason: "not-preloaded" });
      return;
    }
    // No reset: the statistics are server-wide and the server may be shared; this database is
    // new, and the report only reads its own statements.
    for (let i = 0; i < 3; i++) await client.query("SELECT count(*) FROM posts WHERE user_id = $1", [i]);
    await client.query("SELECT pg_sleep(0.05)");

    const report = await readSlowQueries(client, 10);
    if (report.kind !== "ok") throw new Error(`expected statistics, got ${report.reason}`);
    const texts = report.queries.map((q) => q.query);
    expect(report.queries.find((q) => q.query.includes("pg_sleep"))?.meanMs).toBeGreaterThanOrEqual(50);
    expect(report.queries.find((q) => q.query.includes("FROM posts WHERE user_id"))).toMatchObject({ calls: 3 });
    expect(texts.some((text) => text.includes("db:slow-queries"))).toBe(false);
    const means = report.queries.map((q) => q.meanMs);
    expect(means).toEqual([...means].sort((a, b) => b - a));
  });
});
