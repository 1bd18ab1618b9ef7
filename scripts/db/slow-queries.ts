import pg from "pg";
import { explainMissingExtension, formatSlowQueries, readSlowQueries } from "./slow-queries-report";

// `npm run db:slow-queries [-- --limit=20]`: the article's top 10 statements by mean time
// (A1.4), read from pg_stat_statements on DATABASE_URL (or the embedded database).

function limitFromArgs(args: string[]): number {
  const value = args.find((arg) => arg.startsWith("--limit="))?.slice("--limit=".length);
  const limit = value === undefined ? 10 : Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new Error(`--limit must be a whole number from 1 to 1000 (got "${value}")`);
  }
  return limit;
}

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run this through `npm run db:slow-queries`");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const report = await readSlowQueries(client, limitFromArgs(process.argv.slice(2)));
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

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
