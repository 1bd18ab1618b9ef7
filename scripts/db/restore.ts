import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import nextEnv from "@next/env";
import { restoreEmbedded, restorePostgres } from "./backup-restore";
import { describeTarget, printError, progress, resolveTarget, ROOT } from "./backup-target";

const USAGE = `Usage: npm run db:restore -- FILE [--clean]

Restores a backup made by \`npm run db:backup\` into DIRECT_DATABASE_URL or DATABASE_URL
(pg_restore), or, when neither is set, into the embedded database. The target must be empty;
--clean drops and replaces what the backup contains (embedded: the current data directory is
moved aside, not deleted). Progress goes to stderr.
`;

export function parseRestoreArgs(argv: string[]): { file?: string; clean: boolean; help: boolean } {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      clean: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) return { clean: values.clean, help: true };
  if (positionals.length !== 1)
    throw new Error(`Name one backup file to restore (got ${positionals.length})\n\n${USAGE}`);
  return { file: positionals[0], clean: values.clean, help: false };
}

async function main(): Promise<number> {
  const args = parseRestoreArgs(process.argv.slice(2));
  if (args.help || !args.file) {
    process.stdout.write(USAGE);
    return 0;
  }
  nextEnv.loadEnvConfig(ROOT);
  const target = resolveTarget(process.env);
  const file = path.resolve(args.file);
  progress(`Restoring ${file} into ${describeTarget(target)}${args.clean ? " (--clean)" : ""}…`);
  const options = { clean: args.clean, log: progress };
  if (target.kind === "postgres") await restorePostgres(file, target.url, options);
  else await restoreEmbedded(file, target, options);
  return 0;
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      printError(error);
      process.exit(1);
    },
  );
}
