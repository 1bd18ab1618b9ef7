import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import nextEnv from "@next/env";
import { describeTarget, printError, progress, resolveTarget, ROOT } from "./backup-target";
import { runRestoreDrill } from "./restore-drill-run";

const USAGE = `Usage: npm run db:restore-drill [-- --seed]

Backs up DIRECT_DATABASE_URL or DATABASE_URL (or, when neither is set, the embedded database),
restores the backup into a scratch database, and compares every table's row count and checksum.
Exits 1 naming each table that differs. --seed drills on a fresh migrated and seeded database
instead of the target's own data (CI). On a server, the scratch databases are created and
dropped by the drill (CREATEDB privilege needed).
`;

export function parseDrillArgs(argv: string[]): { seed: boolean; help: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: { seed: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } },
    strict: true,
    allowPositionals: false,
  });
  return { seed: values.seed, help: values.help };
}

async function main(): Promise<number> {
  const args = parseDrillArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  nextEnv.loadEnvConfig(ROOT);
  const target = resolveTarget(process.env);
  progress(`Restore drill on ${args.seed ? "a freshly seeded copy beside " : ""}${describeTarget(target)}`);
  const report = await runRestoreDrill(target, { seed: args.seed, log: progress });
  if (report.differences.length > 0) {
    process.stderr.write(`Restore drill FAILED: the restored database differs from the backed-up one\n`);
    for (const line of report.differences) process.stderr.write(`  ${line}\n`);
    return 1;
  }
  process.stdout.write(
    `Restore drill passed: ${report.relations} tables and sequences, ${report.rows} rows, identical after restore\n`,
  );
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
