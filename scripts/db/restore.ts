import path from "node:path";
import nextEnv from "@next/env";
import { defineCommand, parseCommand, runMain, UsageError } from "../cli";
import { restoreEmbedded, restorePostgres } from "./backup-restore";
import { describeTarget, printError, progress, resolveTarget, ROOT } from "./backup-target";

export const restoreCommand = defineCommand({
  usage: "npm run db:restore -- FILE [--clean]",
  description:
    "Restores a backup made by `npm run db:backup` into DIRECT_DATABASE_URL or DATABASE_URL\n" +
    "(pg_restore), or, when neither is set, into the embedded database. The target must be empty;\n" +
    "--clean drops and replaces what the backup contains (embedded: the current data directory is\n" +
    "moved aside, not deleted). Progress goes to stderr.",
  flags: { clean: { type: "boolean", description: "replace what the backup contains in a target that is not empty" } },
  positionals: "FILE",
});

export function parseRestoreArgs(argv: readonly string[]): { file?: string; clean: boolean; help: boolean } {
  const { values, positionals, help } = parseCommand(restoreCommand, argv);
  const clean = values.clean === true;
  if (help) return { clean, help: true };
  if (positionals.length !== 1) throw new UsageError(`Name one backup file to restore (got ${positionals.length})`);
  return { file: positionals[0], clean, help: false };
}

async function main(args: { file?: string; clean: boolean }): Promise<number> {
  if (!args.file) throw new UsageError("Name one backup file to restore");
  nextEnv.loadEnvConfig(ROOT);
  const target = resolveTarget(process.env);
  const file = path.resolve(args.file);
  progress(`Restoring ${file} into ${describeTarget(target)}${args.clean ? " (--clean)" : ""}…`);
  const options = { clean: args.clean, log: progress };
  if (target.kind === "postgres") await restorePostgres(file, target.url, options);
  else await restoreEmbedded(file, target, options);
  return 0;
}

runMain(import.meta.url, {
  spec: restoreCommand,
  options: parseRestoreArgs,
  main,
  onError: printError,
});
