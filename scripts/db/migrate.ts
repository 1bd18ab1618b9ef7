import nextEnv from "@next/env";
import { logger } from "../../src/lib/logger";
import { applyMigrations, ROOT } from "./schema-engine";

// `npm run db:migrate`: applies pending migrations in prisma/migrations, recording them in
// `_prisma_migrations` exactly as `prisma migrate deploy` does. Uses DIRECT_DATABASE_URL
// when set (migrations must bypass a transaction-mode pooler), else DATABASE_URL.

nextEnv.loadEnvConfig(ROOT);
const url = process.env.DIRECT_DATABASE_URL || process.env.DATABASE_URL;
if (!url) {
  logger.fatal("DATABASE_URL is not set (run through `npm run db:migrate`, which provides the embedded database)");
  process.exit(1);
}

applyMigrations(url).then(
  (applied) => {
    logger.info({ applied }, applied.length ? `applied ${applied.length} migration(s)` : "database is up to date");
  },
  (error: unknown) => {
    logger.fatal({ err: error }, "migration failed");
    process.exitCode = 1;
  },
);
