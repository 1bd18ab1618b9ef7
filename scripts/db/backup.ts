import path from "node:path";
import nextEnv from "@next/env";
import { defineCommand, parseCommand, runMain, UsageError } from "../cli";
import { defaultBackupPath } from "./backup-files";
import { backupEmbedded, backupPostgres } from "./backup-restore";
import { describeTarget, printError, progress, resolveTarget, ROOT } from "./backup-target";

export const backupCommand = defineCommand({
  usage: "npm run db:backup -- [--out FILE]",
  description:
    "Backs up DIRECT_DATABASE_URL or DATABASE_URL with pg_dump (custom format), or, when neither\n" +
    "is set, the embedded database (PGlite's data directory, gzipped). Writes backups/<name>-<time>\n" +
    "unless --out says where. Progress goes to stderr; the file's path is printed on stdout.",
  flags: { out: { type: "string", description: "where to write the backup", placeholder: "FILE" } },
});

export function parseBackupArgs(argv: readonly string[]): { out?: string; help: boolean } {
  const { values, help } = parseCommand(backupCommand, argv);
  if (values.out === "") throw new UsageError("--out needs a file name");
  return { out: values.out, help };
}

async function main(args: { out?: string }): Promise<number> {
  nextEnv.loadEnvConfig(ROOT);
  const target = resolveTarget(process.env);
  const name = target.kind === "postgres" ? new URL(target.url).pathname.slice(1) || "postgres" : "embedded";
  const out = path.resolve(
    args.out ?? defaultBackupPath(ROOT, target.kind === "postgres" ? "pg_dump" : "pglite", name),
  );
  progress(`Backing up ${describeTarget(target)}…`);
  if (target.kind === "postgres") await backupPostgres(target.url, out, progress);
  else await backupEmbedded(target, out, progress);
  process.stdout.write(`${out}\n`);
  return 0;
}

runMain(import.meta.url, {
  spec: backupCommand,
  options: parseBackupArgs,
  main,
  onError: printError,
});
