import { spawn } from "node:child_process";
import path from "node:path";
import nextEnv from "@next/env";
import { logger } from "../src/lib/logger";
import { startEmbeddedPostgres } from "./db/embedded";
import { applyMigrations, ROOT } from "./db/schema-engine";
import { seedIfEmpty } from "../prisma/seed";

// Runs a command (next dev, next start, a script) against DATABASE_URL when it is set,
// or else against an embedded PostgreSQL kept in .data/, migrated and seeded on first start.
// `--as-is` serves the embedded database without migrating or seeding it: for commands that
// manage migrations themselves (rollback, backfill), which must also work when one has failed.

nextEnv.loadEnvConfig(ROOT, process.argv.includes("dev"));

const asIs = process.argv[2] === "--as-is";
const command = process.argv.slice(asIs ? 3 : 2);
if (command.length === 0) {
  logger.fatal("usage: tsx scripts/with-db.ts [--as-is] <command> [args…]");
  process.exit(2);
}

function run(env: NodeJS.ProcessEnv): Promise<number> {
  const [bin, ...args] = command as [string, ...string[]];
  const child = spawn(bin, args, { stdio: "inherit", env, shell: process.platform === "win32" });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

async function main(): Promise<number> {
  if (process.env.DATABASE_URL) return run(process.env);

  const dataDir = path.resolve(ROOT, process.env.EMBEDDED_DB_DIR || ".data/pglite");
  const port = Number(process.env.EMBEDDED_DB_PORT ?? 54_329);
  const embedded = await startEmbeddedPostgres({ dataDir, port });
  try {
    if (asIs) {
      logger.info({ url: embedded.url }, "No DATABASE_URL: using the embedded PostgreSQL (PGlite) as it is");
      return await run({ ...process.env, DATABASE_URL: embedded.url });
    }
    const applied = await applyMigrations(embedded.url);
    const seeded = await seedIfEmpty(embedded.url);
    logger.info(
      { url: embedded.url, dataDir: path.relative(ROOT, dataDir), migrationsApplied: applied.length, seeded },
      "No DATABASE_URL: using the embedded PostgreSQL (PGlite); set DATABASE_URL to use your own",
    );
    return await run({ ...process.env, DATABASE_URL: embedded.url });
  } finally {
    await embedded.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    logger.fatal({ err: error }, "could not start the database");
    process.exit(1);
  },
);
