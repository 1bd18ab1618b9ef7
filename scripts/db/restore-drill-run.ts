import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { seedIfEmpty, type SeedOptions } from "../../prisma/seed";
import { backupPostgres, restoreEmbedded, restorePostgres, writeEmbeddedBackup } from "./backup-restore";
import type { DatabaseTarget } from "./backup-target";
import { compareContents, readContents, withClient, type DatabaseContents } from "./database-contents";
import { startEmbeddedPostgres } from "./embedded";
import type { ProgressLog } from "./pg-tools";
import { applyMigrations } from "./schema-engine";

// The restore drill: back up a database, restore the backup into a scratch database and
// prove, table by table, that what came back is what went in. A backup never restored is a hope.

export const DRILL_SEED: SeedOptions = { users: 10, posts: 60, comments: 150 };

export interface DrillOptions {
  /** Drill on a fresh, migrated and seeded database instead of the target's own data. */
  seed: boolean;
  log: ProgressLog;
  /** Runs on the restored database before it is compared (tests tamper with it here). */
  afterRestore?: (url: string) => Promise<void>;
}

export interface DrillReport {
  relations: number;
  rows: number;
  differences: string[];
}

function summarise(expected: DatabaseContents, actual: DatabaseContents): DrillReport {
  let rows = 0;
  for (const contents of expected.values()) if (contents.kind === "table") rows += contents.rows;
  return { relations: expected.size, rows, differences: compareContents(expected, actual) };
}

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function drillPostgres(serverUrl: string, options: DrillOptions, workDir: string): Promise<DrillReport> {
  const suffix = randomBytes(4).toString("hex");
  const created: string[] = [];
  const createDatabase = async (name: string) => {
    await withClient(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
    created.push(name);
    return databaseUrl(serverUrl, name);
  };
  try {
    let sourceUrl = serverUrl;
    if (options.seed) {
      sourceUrl = await createDatabase(`restore_drill_source_${suffix}`);
      options.log("Migrating and seeding a fresh source database…");
      await applyMigrations(sourceUrl);
      await seedIfEmpty(sourceUrl, DRILL_SEED);
    }
    const expected = await withClient(sourceUrl, readContents);
    const file = path.join(workDir, "drill.dump");
    await backupPostgres(sourceUrl, file, options.log);
    const scratchUrl = await createDatabase(`restore_drill_${suffix}`);
    await restorePostgres(file, scratchUrl, { clean: false, log: options.log });
    await options.afterRestore?.(scratchUrl);
    return summarise(expected, await withClient(scratchUrl, readContents));
  } finally {
    for (const name of created.reverse()) {
      await withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    }
  }
}

async function drillEmbedded(
  dataDir: string | undefined,
  options: DrillOptions,
  workDir: string,
): Promise<DrillReport> {
  // Port 0: the drill may run beside `npm run dev` when it seeds its own in-memory database.
  const source = await startEmbeddedPostgres({ dataDir, port: 0 });
  const file = path.join(workDir, "drill.tar.gz");
  let expected: DatabaseContents;
  try {
    if (options.seed) {
      options.log("Migrating and seeding a fresh embedded source database…");
      await applyMigrations(source.url);
      await seedIfEmpty(source.url, DRILL_SEED);
    }
    expected = await withClient(source.url, readContents);
    await writeEmbeddedBackup(source, file, options.log);
  } finally {
    await source.stop();
  }
  const scratch = { dataDir: path.join(workDir, "restored"), port: 0 };
  await restoreEmbedded(file, scratch, { clean: false, log: options.log });
  const restored = await startEmbeddedPostgres(scratch);
  try {
    await options.afterRestore?.(restored.url);
    return summarise(expected, await withClient(restored.url, readContents));
  } finally {
    await restored.stop();
  }
}

export async function runRestoreDrill(target: DatabaseTarget, options: DrillOptions): Promise<DrillReport> {
  const workDir = await mkdtemp(path.join(tmpdir(), "restore-drill-"));
  try {
    if (target.kind === "postgres") return await drillPostgres(target.url, options, workDir);
    return await drillEmbedded(options.seed ? undefined : target.dataDir, options, workDir);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
