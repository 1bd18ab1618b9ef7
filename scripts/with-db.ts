import { spawn } from "node:child_process";
import path from "node:path";
import nextEnv from "@next/env";
import { parseEnv } from "../src/lib/env";
import { logger } from "../src/lib/logger";
import { defineCommand, parseCommand, runMain, UsageError } from "./cli";
import { startEmbeddedPostgres } from "./db/embedded";
import { applyMigrations, ROOT } from "./db/schema-engine";
import { seedIfEmpty } from "../prisma/seed";
import { startDevEnvironment } from "./dev-environment";

// Runs a command (next dev, next start, a script) against DATABASE_URL when it is set,
// or else against an embedded PostgreSQL kept in .data/, migrated and seeded on first start.
// `--as-is` serves the embedded database without migrating or seeding it: for commands that
// manage migrations themselves (rollback, backfill), which must also work when one has failed.
// `--dev` (npm run dev) adds what development needs and the developer has not set: a mail
// catcher for SMTP_URL and a kept BETTER_AUTH_SECRET (scripts/dev-environment.ts).
// `--production` (npm start) refuses to start without BETTER_AUTH_SECRET.

export const withDbCommand = defineCommand({
  usage: "tsx scripts/with-db.ts [--as-is] [--dev | --production] COMMAND [ARGS…]",
  description: "Runs COMMAND against DATABASE_URL, or else against the embedded PostgreSQL in .data/.",
  flags: {
    "as-is": { type: "boolean", description: "serve the embedded database without migrating or seeding it" },
    dev: {
      type: "boolean",
      description: "development server: a mail catcher without SMTP_URL, a kept secret without BETTER_AUTH_SECRET",
    },
    production: { type: "boolean", description: "production server: BETTER_AUTH_SECRET is required" },
  },
  positionals: "COMMAND [ARGS…]",
  wrapsCommand: true,
});

type Mode = "dev" | "production" | "command";

export function parseWithDbArgs(argv: readonly string[]): {
  asIs: boolean;
  mode: Mode;
  command: [string, ...string[]];
} {
  const { values, positionals } = parseCommand(withDbCommand, argv);
  const [bin, ...args] = positionals;
  if (bin === undefined) throw new UsageError("a command to run is required");
  if (values.dev && values.production) throw new UsageError("--dev and --production exclude each other");
  const mode = values.dev ? "dev" : values.production ? "production" : "command";
  return { asIs: values["as-is"] === true, mode, command: [bin, ...args] };
}

function run([bin, ...args]: [string, ...string[]], env: NodeJS.ProcessEnv): Promise<number> {
  const child = spawn(bin, args, { stdio: "inherit", env, shell: process.platform === "win32" });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

const EMBEDDED = "No DATABASE_URL: using the embedded PostgreSQL (PGlite); set DATABASE_URL to use your own";

async function main({ asIs, mode, command }: ReturnType<typeof parseWithDbArgs>): Promise<number> {
  nextEnv.loadEnvConfig(ROOT, mode === "dev");
  // The child gets the whole environment as it is; what this script reads is validated.
  const config = parseEnv(process.env);
  if (mode === "production" && !config.BETTER_AUTH_SECRET) {
    // The app would refuse at its first sign-in; saying it before anything starts is clearer.
    process.stderr.write(
      "BETTER_AUTH_SECRET is required to start the production server: set it to 32 random bytes (openssl rand -base64 32)\n",
    );
    return 1;
  }
  const dev =
    mode === "dev" ? await startDevEnvironment(config, ROOT, { demoAccounts: !config.DATABASE_URL }) : undefined;
  try {
    const env = { ...process.env, ...dev?.env };
    if (config.DATABASE_URL) {
      if (dev) logger.info({ database: "DATABASE_URL", ...dev.startup }, "Starting the development server");
      return await run(command, env);
    }
    const dataDir = path.resolve(ROOT, config.EMBEDDED_DB_DIR || ".data/pglite");
    const embedded = await startEmbeddedPostgres({ dataDir, port: config.EMBEDDED_DB_PORT });
    try {
      // Tells scripts which database is the throwaway one (db:seed -- --reset asks for no confirmation there).
      const withDatabase = { ...env, DATABASE_URL: embedded.url, EMBEDDED_DATABASE_URL: embedded.url };
      if (asIs) {
        logger.info({ url: embedded.url }, "No DATABASE_URL: using the embedded PostgreSQL (PGlite) as it is");
        return await run(command, withDatabase);
      }
      const applied = await applyMigrations(embedded.url);
      const seeded = await seedIfEmpty(embedded.url);
      // One line says everything a newcomer needs: where the data is, where mail goes, who to sign in as.
      logger.info(
        {
          url: embedded.url,
          dataDir: path.relative(ROOT, dataDir),
          migrationsApplied: applied.length,
          seeded,
          ...dev?.startup,
        },
        EMBEDDED,
      );
      return await run(command, withDatabase);
    } finally {
      await embedded.stop();
    }
  } finally {
    await dev?.stop();
  }
}

runMain(import.meta.url, {
  spec: withDbCommand,
  options: parseWithDbArgs,
  main,
  onError: (error) => {
    logger.fatal({ err: error }, "could not start the database or the mail catcher");
    process.exit(1);
  },
});
