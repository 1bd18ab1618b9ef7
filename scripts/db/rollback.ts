import { readFile } from "node:fs/promises";
import path from "node:path";
import nextEnv from "@next/env";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { logger } from "../../src/lib/logger";
import { defineCommand, parseCommand, runMain, wholeNumber } from "../cli";
import { MIGRATIONS_DIR, PRISMA_MIGRATE_LOCK, ROOT } from "./schema-engine";
import { parseEnv } from "../../src/lib/env";

// `npm run db:rollback [-- --steps 2]`: runs the down.sql of the latest applied migration
// (or of the latest `steps` ones, newest first) and marks each as rolled back in
// `_prisma_migrations`, the way `prisma migrate resolve --rolled-back` does. Prisma skips
// rows with `rolled_back_at` set, so the next `npm run db:migrate` applies the migration again.
// A migration that failed half way is rolled back the same way: its down.sql only uses
// IF EXISTS, so it cleans up whatever part was applied.

// The same adapter that applies migration.sql, so a down.sql runs the same way: statement by
// statement, each committing on its own (docs/decisions/0020-migrations-run-statement-by-statement.md).
async function runScript(url: string, script: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const adapter = await new PrismaPg(pool).connect();
  try {
    await adapter.executeScript(script);
  } finally {
    await pool.end();
  }
}

export async function rollbackMigrations(url: string, { steps = 1, dir = MIGRATIONS_DIR } = {}): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK]);
    const { rows: table } = await client.query("SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present");
    if (!table[0]?.present) return [];
    const { rows } = await client.query<{ migration_name: string }>(
      `SELECT migration_name FROM _prisma_migrations WHERE rolled_back_at IS NULL
       ORDER BY migration_name DESC LIMIT $1`,
      [steps],
    );
    const rolledBack: string[] = [];
    for (const { migration_name: name } of rows) {
      const downPath = path.join(dir, name, "down.sql");
      const script = await readFile(downPath, "utf8").catch(() => {
        throw new Error(`${path.relative(ROOT, downPath)} is missing: write it before rolling ${name} back`);
      });
      try {
        await runScript(url, script);
      } catch (error) {
        throw new Error(`the down migration of ${name} failed: ${(error as Error).message}`, { cause: error });
      }
      await client.query(
        "UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = $1 AND rolled_back_at IS NULL",
        [name],
      );
      rolledBack.push(name);
    }
    return rolledBack;
  } finally {
    await client.end();
  }
}

export const rollbackCommand = defineCommand({
  usage: "npm run db:rollback -- [--steps N]",
  description: "Runs the down.sql of the latest applied migration (or of the latest N), newest first.",
  flags: { steps: { type: "string", placeholder: "N", description: "how many migrations to roll back (default 1)" } },
});

/** `--steps n` from the command line; 1 when absent. */
export function parseRollbackArgs(argv: readonly string[]): { steps: number } {
  return { steps: wholeNumber("steps", parseCommand(rollbackCommand, argv).values.steps, 1) ?? 1 };
}

async function main({ steps }: { steps: number }) {
  nextEnv.loadEnvConfig(ROOT);
  // Parsed after loadEnvConfig, so that the .env files it loaded are validated too.
  const config = parseEnv(process.env);
  const url = config.DIRECT_DATABASE_URL ?? config.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (run through `npm run db:rollback`)");
  const rolledBack = await rollbackMigrations(url, { steps });
  logger.info(
    { rolledBack },
    rolledBack.length ? `rolled back ${rolledBack.length} migration(s)` : "no applied migration to roll back",
  );
}

runMain(import.meta.url, {
  spec: rollbackCommand,
  options: parseRollbackArgs,
  main,
  onError: (error) => logger.fatal({ err: error }, "rollback failed"),
});
