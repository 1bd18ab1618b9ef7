import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/generated/prisma/client";
import { env, type Env } from "./env";
import { UnavailableError } from "./errors";
import { recordTiming } from "./monitoring/request-context";
import { processSingleton } from "./process-singleton";

export type Database = PrismaClient;

export interface DatabaseOptions {
  url: string;
  poolMax?: number;
  statementTimeoutMs?: number;
  /** Called once per SQL statement (its parameters as Prisma logs them, JSON); tests count queries with it. */
  onQuery?: (sql: string, params: string) => void;
}

/**
 * A pool whose connections each start with `SET statement_timeout`. Sent as a start-up
 * parameter instead, the timeout makes PgBouncer and Supabase's pooler refuse the connection
 * ("unsupported startup parameter"); a plain SET is what every pooler passes on
 * (docs/decisions/0075-statement-timeout-through-poolers.md).
 */
function createPool(
  url: string,
  { poolMax = env.DATABASE_POOL_MAX, statementTimeoutMs = env.DATABASE_STATEMENT_TIMEOUT_MS } = {},
) {
  const timeout = Math.round(statementTimeoutMs);
  return new pg.Pool({
    connectionString: url,
    max: poolMax,
    connectionTimeoutMillis: 5_000,
    // Awaited before the connection serves its first query; a failure fails that checkout.
    onConnect: async (client) => {
      await client.query(`SET statement_timeout = ${timeout}`);
    },
  });
}

/** The connection pool behind a client, as the admin console shows it. */
export interface PoolCounts {
  /** Connections running a query or held by a transaction. */
  inUse: number;
  /** Open connections waiting for work. */
  idle: number;
  /** Queries queued for a connection: the pool is at its maximum. */
  waiting: number;
  max: number;
}

// The pool behind each client, kept beside it (Prisma's adapter does not hand it back), once
// per process: the client may be made by another route bundle than the one asking.
const pools = processSingleton("databasePools", () => new WeakMap<Database, pg.Pool>()).get();

/** The pool's counts right now, or null for a client made elsewhere (never through createDatabase). */
export function poolCounts(db: Database): PoolCounts | null {
  const pool = pools.get(db);
  if (!pool) return null;
  return {
    inUse: pool.totalCount - pool.idleCount,
    idle: pool.idleCount,
    waiting: pool.waitingCount,
    max: pool.options.max,
  };
}

export function createDatabase(options: DatabaseOptions): Database {
  const pool = createPool(options.url, { poolMax: options.poolMax, statementTimeoutMs: options.statementTimeoutMs });
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  // Query events carry each statement's duration: the request's Server-Timing adds them up.
  const client = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
  pools.set(client, pool);
  const onQuery = options.onQuery;
  client.$on("query" as never, (event: { query: string; params: string; duration: number }) => {
    recordTiming("db", event.duration);
    onQuery?.(event.query, event.params);
  });
  return client;
}

// One client (one pool) per server process, whichever route bundle asks first.
const database = processSingleton<Database | undefined>("database", () => undefined);

/** Makes `db` the client every service uses (scripts and tests that manage their own). */
export function setDatabase(db: Database | undefined): void {
  database.set(db);
}

export function getDatabase(config: Pick<Env, "DATABASE_URL"> = env): Database {
  const current = database.get();
  if (current) return current;
  if (!config.DATABASE_URL) {
    throw new UnavailableError("database", {
      hint: "DATABASE_URL is not set: start the app with `npm run dev` or `npm start`, which provide an embedded database",
    });
  }
  const created = createDatabase({ url: config.DATABASE_URL });
  database.set(created);
  return created;
}
