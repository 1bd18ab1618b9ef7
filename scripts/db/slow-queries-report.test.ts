import { describe, expect, it } from "vitest";
import type { SlowQuery } from "../../src/modules/admin/slow-queries";
import { explainMissingExtension, formatSlowQueries } from "./slow-queries-report";

const query = (overrides: Partial<SlowQuery>): SlowQuery => ({
  meanMs: 1,
  calls: 1,
  totalMs: 1,
  percentOfTotal: 1,
  rows: 1,
  query: "SELECT 1",
  ...overrides,
});

describe("formatSlowQueries", () => {
  it("prints a ranked, aligned table with each statement on one line", () => {
    const text = formatSlowQueries({
      kind: "ok",
      database: "app",
      queries: [
        query({
          meanMs: 3012.456,
          calls: 12,
          totalMs: 36149.47,
          percentOfTotal: 97.25,
          rows: 1200,
          query: "SELECT *\n  FROM posts\n WHERE user_id = $1",
        }),
        query({ meanMs: 0.5, calls: 20000, totalMs: 10000, percentOfTotal: 2.75, rows: 20000, query: "SELECT 1" }),
      ],
    });
    expect(text.split("\n").slice(0, 6)).toEqual([
      'Top 2 statements by mean execution time in database "app" (pg_stat_statements)',
      "",
      "#  mean ms  calls  total ms  % time   rows  query",
      `-  -------  -----  --------  ------  -----  ${"-".repeat(38)}`,
      "1  3012.46     12   36149.5    97.3   1200  SELECT * FROM posts WHERE user_id = $1",
      "2     0.50  20000   10000.0     2.8  20000  SELECT 1",
    ]);
    expect(text).toContain("pg_stat_statements_reset()");
  });

  it("cuts long statements to the width given", () => {
    const long = `SELECT ${"a, ".repeat(100)}b FROM t`;
    const row = formatSlowQueries({ kind: "ok", database: "app", queries: [query({ query: long })] }, 30).split(
      "\n",
    )[4];
    expect(row?.endsWith("…")).toBe(true);
    expect(row?.split("  ").pop()).toHaveLength(30);
  });

  it("says so when nothing has been recorded", () => {
    expect(formatSlowQueries({ kind: "ok", database: "app", queries: [] })).toMatch(/No statements recorded yet/);
  });
});

describe("explainMissingExtension", () => {
  it.each([
    ["unavailable", /does not ship[\s\S]*PGlite/],
    ["not-created", /not created in database "app"/],
    ["not-preloaded", /shared_preload_libraries \(which needs a restart\)/],
  ] as const)("explains %s, then how to enable it locally, on Supabase and on Neon", (reason, why) => {
    const text = explainMissingExtension(reason, "app");
    expect(text).toMatch(why);
    expect(text).toContain("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
    expect(text).toContain("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    expect(text).toMatch(/Supabase[\s\S]*Database > Extensions/);
    expect(text).toMatch(/Neon[\s\S]*scales to zero/);
  });
});
