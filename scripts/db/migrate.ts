import nextEnv from "@next/env";
import { logger } from "../../src/lib/logger";
import { defineCommand, parseCommand, runMain } from "../cli";
import { applyMigrations, ROOT } from "./schema-engine";
import { parseEnv } from "../../src/lib/env";

// `npm run db:migrate`: applies pending migrations in prisma/migrations, recording them in
// `_prisma_migrations` exactly as `prisma migrate deploy` does. Uses DIRECT_DATABASE_URL
// when set (migrations must bypass a transaction-mode pooler), else DATABASE_URL.

export const migrateCommand = defineCommand({
  usage: "npm run db:migrate",
  description: "Applies the pending migrations in prisma/migrations (DIRECT_DATABASE_URL, else DATABASE_URL).",
  flags: {},
});

async function main() {
  nextEnv.loadEnvConfig(ROOT);
  // Parsed after loadEnvConfig, so that the .env files it loaded are validated too.
  const config = parseEnv(process.env);
  const url = config.DIRECT_DATABASE_URL ?? config.DATABASE_URL;
  if (!url)
    throw new Error("DATABASE_URL is not set (run through `npm run db:migrate`, which provides the embedded database)");
  const applied = await applyMigrations(url);
  logger.info({ applied }, applied.length ? `applied ${applied.length} migration(s)` : "database is up to date");
}

runMain(import.meta.url, {
  spec: migrateCommand,
  options: (argv) => void parseCommand(migrateCommand, argv),
  main,
  onError: (error) => logger.fatal({ err: error }, "migration failed"),
});
