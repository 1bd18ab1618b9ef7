import { createHash } from "node:crypto";
import { readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { dumpEmbedded } from "../../scripts/db/embedded";
import { applyMigrations, readMigrations } from "../../scripts/db/schema-engine";

// Migrates once per run into a template; each test file then gets its own copy:
// `CREATE DATABASE … TEMPLATE` on a real PostgreSQL (TEST_DATABASE_URL), or a fresh
// embedded PGlite loaded from a dump of the migrated database.

export type TestDatabaseSource =
  { kind: "postgres"; adminUrl: string; template: string } | { kind: "embedded"; dumpPath: string };

declare module "vitest" {
  export interface ProvidedContext {
    testDatabase: TestDatabaseSource;
  }
}

async function migrationsHash(): Promise<string> {
  const list = await readMigrations();
  const text = list.migrationDirectories
    .map((d) => `${d.path}\n${d.migrationFile.content.tag === "ok" ? d.migrationFile.content.value : ""}`)
    .join("\n");
  return createHash("sha256").update(text).digest("hex").slice(0, 12);
}

async function preparePostgresTemplate(adminUrl: string): Promise<string> {
  const template = `scale_test_tpl_${await migrationsHash()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [template]);
    if (rowCount) return template;
    // Built under a private name and renamed, so a concurrent run never copies a half-migrated template.
    const building = `${template}_${process.pid}`;
    await admin.query(`DROP DATABASE IF EXISTS "${building}"`);
    await admin.query(`CREATE DATABASE "${building}"`);
    const url = new URL(adminUrl);
    url.pathname = `/${building}`;
    await applyMigrations(url.toString());
    await admin
      .query(`ALTER DATABASE "${building}" RENAME TO "${template}"`)
      .catch(async (error: { code?: string }) => {
        if (error.code !== "42P04") throw error; // another run finished first
        await admin.query(`DROP DATABASE IF EXISTS "${building}"`);
      });
    return template;
  } finally {
    await admin.end();
  }
}

export default async function setup(project: TestProject) {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    project.provide("testDatabase", { kind: "postgres", adminUrl, template: await preparePostgresTemplate(adminUrl) });
    return;
  }
  const dumpPath = path.join(tmpdir(), `scale-test-${process.pid}-${await migrationsHash()}.tar`);
  const dump = await dumpEmbedded(undefined, async (url) => {
    await applyMigrations(url);
  });
  await writeFile(dumpPath, Buffer.from(await dump.arrayBuffer()));
  project.provide("testDatabase", { kind: "embedded", dumpPath });
  return async () => {
    await rm(dumpPath, { force: true });
  };
}

export async function readDump(dumpPath: string): Promise<Blob> {
  return new Blob([await readFile(dumpPath)]);
}
