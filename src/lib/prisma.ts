import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { env } from "./env";
import { UnavailableError } from "./errors";
import { recordTiming } from "./monitoring/request-context";

export type Database = PrismaClient;

export interface DatabaseOptions {
  url: string;
  poolMax?: number;
  statementTimeoutMs?: number;
  /** Called once per SQL statement; tests count queries with it. */
  onQuery?: (sql: string) => void;
}

export function createDatabase(options: DatabaseOptions): Database {
  const adapter = new PrismaPg({
    connectionString: options.url,
    max: options.poolMax ?? env.DATABASE_POOL_MAX,
    connectionTimeoutMillis: 5_000,
    statement_timeout: options.statementTimeoutMs ?? env.DATABASE_STATEMENT_TIMEOUT_MS,
  });
  // Query events carry each statement's duration: the request's Server-Timing adds them up.
  const client = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
  const onQuery = options.onQuery;
  client.$on("query" as never, (event: { query: string; duration: number }) => {
    recordTiming("db", event.duration);
    onQuery?.(event.query);
  });
  return client;
}

// One client per server instance; kept on globalThis so Next's dev reloads reuse it.
const globalForDb = globalThis as unknown as { __database?: Database };

/** Makes `db` the client every service uses (scripts and tests that manage their own). */
export function setDatabase(db: Database | undefined): void {
  globalForDb.__database = db;
}

export function getDatabase(): Database {
  if (globalForDb.__database) return globalForDb.__database;
  const url = process.env.DATABASE_URL ?? env.DATABASE_URL;
  if (!url) {
    throw new UnavailableError(
      "database (DATABASE_URL is not set: start the app with `npm run dev` or `npm start`, which provide an embedded database)",
    );
  }
  globalForDb.__database = createDatabase({ url });
  return globalForDb.__database;
}
