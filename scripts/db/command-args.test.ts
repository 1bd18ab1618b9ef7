import { describe, expect, it } from "vitest";
import { parseBackfillArgs } from "./backfill-user-role";
import { parseCreateMigrationArgs } from "./create-migration";
import { parseLintMigrationsArgs } from "./lint-migrations";
import { parseRollbackArgs } from "./rollback";
import { parseSlowQueriesArgs } from "./slow-queries";
import { MIGRATIONS_DIR } from "./schema-engine";

describe("db:rollback arguments", () => {
  it("rolls back one migration unless --steps says more", () => {
    expect(parseRollbackArgs([])).toEqual({ steps: 1 });
    expect(parseRollbackArgs(["--steps", "3"])).toEqual({ steps: 3 });
    expect(parseRollbackArgs(["--steps=3"])).toEqual({ steps: 3 });
    expect(() => parseRollbackArgs(["--steps", "0"])).toThrow("--steps must be a whole number of at least 1");
    expect(() => parseRollbackArgs(["--steps"])).toThrow("--steps needs a value");
    expect(() => parseRollbackArgs(["--step", "2"])).toThrow(/^unknown flag --step$/);
  });
});

describe("db:backfill:user-role arguments", () => {
  it("reads the batch size and the pause, leaving the defaults to the backfill", () => {
    expect(parseBackfillArgs([])).toEqual({ batchSize: undefined, pauseMs: undefined });
    expect(parseBackfillArgs(["--batch-size", "500", "--pause-ms", "0"])).toEqual({ batchSize: 500, pauseMs: 0 });
    expect(parseBackfillArgs(["--batch-size=500", "--pause-ms=0"])).toEqual({ batchSize: 500, pauseMs: 0 });
    expect(() => parseBackfillArgs(["--batch-size", "0"])).toThrow("--batch-size must be a whole number of at least 1");
    expect(() => parseBackfillArgs(["--pause-ms", "-5"])).toThrow("--pause-ms");
  });
});

describe("db:migration:create arguments", () => {
  it("requires a snake_case --name and defaults --from to HEAD", () => {
    expect(parseCreateMigrationArgs(["--name", "add_x"])).toEqual({ name: "add_x", from: "HEAD" });
    expect(parseCreateMigrationArgs(["--name=add_x", "--from=main~1"])).toEqual({ name: "add_x", from: "main~1" });
    expect(() => parseCreateMigrationArgs([])).toThrow("--name is required");
    expect(() => parseCreateMigrationArgs(["--name", "Add-X"])).toThrow("--name is required");
  });
});

describe("db:slow-queries and db:lint-migrations arguments", () => {
  it("--limit is 10 unless set, from 1 to 1000", () => {
    expect(parseSlowQueriesArgs([])).toEqual({ limit: 10 });
    expect(parseSlowQueriesArgs(["--limit=20"])).toEqual({ limit: 20 });
    expect(parseSlowQueriesArgs(["--limit", "20"])).toEqual({ limit: 20 });
    expect(() => parseSlowQueriesArgs(["--limit=1001"])).toThrow(
      '--limit must be a whole number from 1 to 1000 (got "1001")',
    );
  });

  it("lints prisma/migrations unless given one directory", () => {
    expect(parseLintMigrationsArgs([])).toEqual({ dir: MIGRATIONS_DIR });
    expect(parseLintMigrationsArgs(["tmp/migrations"]).dir).toMatch(/tmp\/migrations$/);
    expect(() => parseLintMigrationsArgs(["a", "b"])).toThrow("one directory at most");
  });
});
