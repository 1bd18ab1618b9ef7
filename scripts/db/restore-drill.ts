import nextEnv from "@next/env";
import { defineCommand, parseCommand, runMain } from "../cli";
import { describeTarget, printError, progress, resolveTarget, ROOT } from "./backup-target";
import { runRestoreDrill } from "./restore-drill-run";

export const restoreDrillCommand = defineCommand({
  usage: "npm run db:restore-drill -- [--seed]",
  description:
    "Backs up DIRECT_DATABASE_URL or DATABASE_URL (or, when neither is set, the embedded database),\n" +
    "restores the backup into a scratch database, and compares every table's row count and checksum.\n" +
    "Exits 1 naming each table that differs. On a server, the scratch databases are created and\n" +
    "dropped by the drill (CREATEDB privilege needed).",
  flags: {
    seed: {
      type: "boolean",
      description: "drill on a fresh migrated and seeded database instead of the target's own data (CI)",
    },
  },
});

export function parseDrillArgs(argv: readonly string[]): { seed: boolean; help: boolean } {
  const { values, help } = parseCommand(restoreDrillCommand, argv);
  return { seed: values.seed === true, help };
}

async function main(args: { seed: boolean }): Promise<number> {
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

runMain(import.meta.url, {
  spec: restoreDrillCommand,
  options: parseDrillArgs,
  main,
  onError: printError,
});
