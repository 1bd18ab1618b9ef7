import { setTimeout as sleep } from "node:timers/promises";
import nextEnv from "@next/env";
import pg from "pg";
import { logger } from "../../src/lib/logger";
import { defineCommand, parseCommand, runMain, wholeNumber } from "../cli";
import { DEFAULT_USER_ROLE } from "../../src/modules/users/user.types";
import { ROOT } from "./schema-engine";
import { parseEnv } from "../../src/lib/env";

// `npm run db:backfill:user-role [-- --batch-size 1000 --pause-ms 50]`: step 2 of the role
// example (docs/migrations.md). Gives every user whose role is NULL the default role, walking
// the primary key in ranges of `batchSize` ids. Each batch is one short UPDATE that commits
// on its own and locks at most that many rows, so the app keeps reading and writing users.
// Idempotent (it only touches NULLs) and resumable: stop it at any time (Ctrl-C finishes the
// current batch), run it again, and it carries on where NULLs remain.

export interface BackfillOptions {
  batchSize?: number;
  /** Breathing room between batches for replicas and autovacuum. */
  pauseMs?: number;
  /** How long one batch may wait for a row lock before it gives up and is retried. */
  lockTimeoutMs?: number;
  retries?: number;
  signal?: AbortSignal;
  onBatch?: (progress: { updated: number; lastId: number; endId: number }) => void | Promise<void>;
  onRetry?: (error: Error) => void | Promise<void>;
}

export interface BackfillResult {
  updated: number;
  batches: number;
  complete: boolean;
}

const LOCK_NOT_AVAILABLE = "55P03";

export async function backfillUserRole(url: string, options: BackfillOptions = {}): Promise<BackfillResult> {
  const { batchSize = 1_000, pauseMs = 0, lockTimeoutMs = 2_000, retries = 5, signal } = options;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const column = await client.query(
      `SELECT 1 FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = 'users' AND column_name = 'role'`,
    );
    if (!column.rowCount) throw new Error("users.role does not exist: run `npm run db:migrate` first");
    // One read of the table (it locks nothing that writers need) finds the range still to do;
    // rows inserted later get the column default.
    const { rows } = await client.query<{ first: number | null; last: number | null }>(
      "SELECT min(id) AS first, max(id) AS last FROM users WHERE role IS NULL",
    );
    const { first, last } = rows[0] ?? { first: null, last: null };
    if (first === null || last === null) return { updated: 0, batches: 0, complete: true };
    // Each batch is a primary-key range: it should take milliseconds.
    await client.query(`SET lock_timeout = ${Math.round(lockTimeoutMs)}`);
    await client.query("SET statement_timeout = '30s'");

    let after = first - 1;
    let updated = 0;
    let batches = 0;
    let failures = 0;
    while (after < last && !signal?.aborted) {
      const upTo = Math.min(after + batchSize, last);
      try {
        const result = await client.query(
          "UPDATE users SET role = $3::user_role WHERE id > $1 AND id <= $2 AND role IS NULL",
          [after, upTo, DEFAULT_USER_ROLE],
        );
        updated += result.rowCount ?? 0;
      } catch (error) {
        const retryable = (error as { code?: string }).code === LOCK_NOT_AVAILABLE && failures < retries;
        if (!retryable) throw error;
        failures += 1;
        await options.onRetry?.(error as Error);
        continue;
      }
      failures = 0;
      batches += 1;
      after = upTo;
      await options.onBatch?.({ updated, lastId: after, endId: last });
      if (pauseMs > 0 && after < last) await sleep(pauseMs);
    }
    return { updated, batches, complete: after >= last };
  } finally {
    await client.end();
  }
}

export const backfillCommand = defineCommand({
  usage: "npm run db:backfill:user-role -- [--batch-size N] [--pause-ms MS]",
  description: "Gives every user whose role is NULL the default role, in short batches; resumable.",
  flags: {
    "batch-size": { type: "string", placeholder: "N", description: "ids per UPDATE (default 1000)" },
    "pause-ms": { type: "string", placeholder: "MS", description: "pause between batches (default 50)" },
  },
});

/** `--batch-size n` and `--pause-ms n` from the command line. */
export function parseBackfillArgs(argv: readonly string[]): Pick<BackfillOptions, "batchSize" | "pauseMs"> {
  const { values } = parseCommand(backfillCommand, argv);
  return {
    batchSize: wholeNumber("batch-size", values["batch-size"], 1),
    pauseMs: wholeNumber("pause-ms", values["pause-ms"], 0),
  };
}

async function main(options: Pick<BackfillOptions, "batchSize" | "pauseMs">) {
  nextEnv.loadEnvConfig(ROOT);
  // Parsed after loadEnvConfig, so that the .env files it loaded are validated too.
  const config = parseEnv(process.env);
  const url = config.DIRECT_DATABASE_URL ?? config.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (run through `npm run db:backfill:user-role`)");
  const stop = new AbortController();
  process.once("SIGINT", () => {
    logger.warn("stopping after the current batch: run the command again to resume");
    stop.abort();
  });
  const result = await backfillUserRole(url, {
    ...options,
    signal: stop.signal,
    onBatch: ({ updated, lastId, endId }) => logger.info({ updated, lastId, endId }, "backfilled a batch"),
    onRetry: (error) => logger.warn({ err: error }, "a batch waited too long for a row lock: retrying"),
  });
  logger.info(result, result.complete ? "every user has a role" : "stopped before the end: run it again to resume");
}

runMain(import.meta.url, {
  spec: backfillCommand,
  options: parseBackfillArgs,
  main,
  onError: (error) => logger.fatal({ err: error }, "backfill failed"),
});
