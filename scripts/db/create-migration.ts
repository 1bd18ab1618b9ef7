import { execFileSync } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { logger } from "../../src/lib/logger";
import { defineCommand, parseCommand, runMain, UsageError } from "../cli";
import { draftMigration, MIGRATIONS_DIR, ROOT, SCHEMA_PATH } from "./schema-engine";
import { env } from "../../src/lib/env";

// `npm run db:migration:create -- --name add_user_role [--from <git rev>]`
// Writes prisma/migrations/<stamp>_<name>/migration.sql with the SQL that takes the schema
// as committed at --from (default HEAD) to prisma/schema.prisma as it is now, and down.sql
// with the SQL that goes back. Both are drafts: review them, make them safe
// (docs/migrations.md), then `npm run db:lint-migrations`.

export const createMigrationCommand = defineCommand({
  usage: "npm run db:migration:create -- --name NAME [--from REV]",
  description: "Drafts migration.sql and down.sql from your prisma/schema.prisma change.",
  flags: {
    name: { type: "string", placeholder: "NAME", description: "the migration's name: lowercase letters, digits and _" },
    from: {
      type: "string",
      placeholder: "REV",
      description: "the git revision whose schema is the starting point (default HEAD)",
    },
  },
});

export function parseCreateMigrationArgs(argv: readonly string[]): { name: string; from: string } {
  const { values } = parseCommand(createMigrationCommand, argv);
  if (!values.name || !/^[a-z0-9_]+$/.test(values.name)) {
    throw new UsageError("--name is required: lowercase letters, digits and _");
  }
  return { name: values.name, from: values.from ?? "HEAD" };
}

async function main({ name, from }: { name: string; from: string }) {
  const url = env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (run through `npm run db:migration:create`)");

  const relativeSchema = path.relative(ROOT, SCHEMA_PATH);
  const previous = execFileSync("git", ["show", `${from}:${relativeSchema}`], { cwd: ROOT, encoding: "utf8" });
  const current = await readFile(SCHEMA_PATH, "utf8");

  const draft = await draftMigration(url, previous, current);
  if (!draft) {
    logger.info(`prisma/schema.prisma has not changed since ${from}: nothing to write`);
    return;
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "migration.sql"), `${draft.up}\n`);
  await writeFile(path.join(dir, "down.sql"), `${draft.down}\n`);
  logger.info(
    { dir: path.relative(ROOT, dir) },
    "migration.sql and down.sql written: review and harden them (docs/migrations.md), then npm run db:lint-migrations",
  );
}

runMain(import.meta.url, {
  spec: createMigrationCommand,
  options: parseCreateMigrationArgs,
  main,
  onError: (error) => logger.fatal({ err: error }, "could not create the migration"),
});
