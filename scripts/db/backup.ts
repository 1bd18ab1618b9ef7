import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import nextEnv from "@next/env";
import { defaultBackupPath } from "./backup-files";
import { backupEmbedded, backupPostgres } from "./backup-restore";
import { describeTarget, printError, progress, resolveTarget, ROOT } from "./backup-target";

const USAGE = `Usage: npm run db:backup [-- --out FILE]

Backs up DIRECT_DATABASE_URL or DATABASE_URL with pg_dump (custom format), or, when neither
is set, the embedded database (PGlite's data directory, gzipped). Writes backups/<name>-<time>
unless --out says where. Progress goes to stderr; the file's path is printed on stdout.
`;

export function parseBackupArgs(argv: string[]): { out?: string; help: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: { out: { type: "string" }, help: { type: "boolean", short: "h", default: false } },
    strict: true,
    allowPositionals: false,
  });
  if (values.out === "") throw new Error("--out needs a file name");
  return { out: values.out, help: values.help };
}

async function main(): Promise<number> {
  const args = parseBackupArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
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

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      printError(error);
      process.exit(1);
    },
  );
}
