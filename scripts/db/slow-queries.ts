import pg from "pg";
import { defineCommand, parseCommand, runMain, wholeNumber } from "../cli";
import { explainMissingExtension, formatSlowQueries } from "./slow-queries-report";
import { readSlowQueries } from "../../src/modules/admin/slow-queries";
import { env } from "../../src/lib/env";

// `npm run db:slow-queries [-- --limit=20]`: the article's top 10 statements by mean time
// (A1.4), read from pg_stat_statements on DATABASE_URL (or the embedded database).

export const slowQueriesCommand = defineCommand({
  usage: "npm run db:slow-queries -- [--limit N]",
  description: "The statements with the highest mean execution time, from pg_stat_statements.",
  flags: {
    limit: { type: "string", placeholder: "N", description: "how many statements to list, 1 to 1000 (default 10)" },
  },
});

export function parseSlowQueriesArgs(argv: readonly string[]): { limit: number } {
  return { limit: wholeNumber("limit", parseCommand(slowQueriesCommand, argv).values.limit, 1, 1000) ?? 10 };
}

async function main({ limit }: { limit: number }): Promise<number> {
  const url = env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run this through `npm run db:slow-queries`");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const report = await readSlowQueries(client, limit);
    if (report.kind === "missing") {
      process.stderr.write(explainMissingExtension(report.reason, report.database));
      return 1;
    }
    process.stdout.write(formatSlowQueries(report, Math.max(40, (process.stdout.columns ?? 140) - 60)));
    return 0;
  } finally {
    await client.end();
  }
}

runMain(import.meta.url, {
  spec: slowQueriesCommand,
  options: parseSlowQueriesArgs,
  main,
  onError: (error) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
});
