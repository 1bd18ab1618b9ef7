import { execFile, spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, inject, it } from "vitest";
import { seedIfEmpty } from "../../prisma/seed";
import { backupEmbedded, backupPostgres, restoreEmbedded, restorePostgres } from "../../scripts/db/backup-restore";
import { readContents, withClient } from "../../scripts/db/database-contents";
import { startEmbeddedPostgres } from "../../scripts/db/embedded";
import { readArchiveSchemas, runPgTool } from "../../scripts/db/pg-tools";
import { DRILL_SEED, runRestoreDrill } from "../../scripts/db/restore-drill-run";
import { applyMigrations } from "../../scripts/db/schema-engine";
import { setupTestDatabase } from "#tests/test-database";

// The commands run as child processes, as an operator runs them; the drill runs in process.
// Against the real PostgreSQL when TEST_DATABASE_URL is set, else against the embedded one.

const root = path.resolve(import.meta.dirname, "../..");
const tsx = path.join(root, "node_modules/.bin/tsx");
const execFileAsync = promisify(execFile);
const source = inject("testDatabase");
const t = setupTestDatabase();
const work = mkdtemp(path.join(tmpdir(), "backup-restore-"));
afterAll(async () => rm(await work, { recursive: true, force: true }));
const quiet = { clean: false, log: () => {} };

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(script: string, args: string[], env: Record<string, string>): Promise<Outcome> {
  const base = { ...process.env, DATABASE_URL: "", DIRECT_DATABASE_URL: "", EMBEDDED_DB_PORT: "0" };
  try {
    const { stdout, stderr } = await execFileAsync(tsx, [`scripts/db/${script}.ts`, ...args], {
      cwd: root,
      env: { ...base, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const contentsOf = (url: string) => withClient(url, readContents);
const tables = (contents: Map<string, { kind: string }>) =>
  new Map([...contents].filter(([, relation]) => relation.kind === "table"));

async function createEmptyDatabase(adminUrl: string, name: string): Promise<string> {
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

describe.runIf(source.kind === "postgres")("db:backup and db:restore on a PostgreSQL server", () => {
  it("round-trip a seeded database, refuse a non-empty target, and replace it with --clean", async () => {
    if (source.kind !== "postgres") return;
    await seedIfEmpty(t.url, DRILL_SEED);
    const file = path.join(await work, "server.dump");
    const backup = await run("backup", [`--out=${file}`], { DATABASE_URL: t.url });
    expect(backup.stderr).toContain("pg_dump: dumping contents of table");
    expect(backup).toMatchObject({ code: 0, stdout: `${file}\n` });

    const name = `scale_test_restore_${process.pid}`;
    const target = await createEmptyDatabase(source.adminUrl, name);
    try {
      // As in a new Supabase project: the provider's own schemas are not what the backup restores into.
      await withClient(target, (client) => client.query("CREATE SCHEMA auth; CREATE TABLE auth.users (id int)"));
      const restore = await run("restore", [file], { DIRECT_DATABASE_URL: target });
      expect(restore.stderr).toContain("pg_restore: creating TABLE");
      expect(restore.code).toBe(0);
      const restored = await contentsOf(target);
      expect(restored.delete("auth.users")).toBe(true);
      expect(restored).toEqual(await contentsOf(t.url));

      const again = await run("restore", [file], { DIRECT_DATABASE_URL: target });
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(
        /The target database is not empty: \d+ tables, views or sequences in public, .*\(public\./,
      );
      expect(again.stderr).toContain("pass --clean to drop and replace");

      await withClient(target, (client) => client.query("DELETE FROM comments"));
      expect((await run("restore", ["--clean", file], { DIRECT_DATABASE_URL: target })).code).toBe(0);
      const replaced = await contentsOf(target);
      replaced.delete("auth.users");
      expect(replaced).toEqual(await contentsOf(t.url));
    } finally {
      await withClient(source.adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    }
  }, 120_000);
});

describe.runIf(source.kind === "embedded")("db:backup and db:restore on the embedded database", () => {
  it("round-trip a seeded database, refuse a non-empty target, and move it aside with --clean", async () => {
    const dataDir = path.join(await work, "pglite");
    const original = await startEmbeddedPostgres({ dataDir });
    await applyMigrations(original.url);
    await seedIfEmpty(original.url, DRILL_SEED);
    const expected = await contentsOf(original.url);
    await original.stop();

    const file = path.join(await work, "embedded.tar.gz");
    const backup = await run("backup", ["--out", file], { EMBEDDED_DB_DIR: dataDir });
    expect(backup.stderr).toContain("PGlite dumpDataDir");
    expect(backup).toMatchObject({ code: 0, stdout: `${file}\n` });

    const restoredDir = path.join(await work, "restored");
    const restore = await run("restore", [file], { EMBEDDED_DB_DIR: restoredDir });
    expect(restore.stderr).toContain("Restored");
    expect(restore.code).toBe(0);
    const restored = await startEmbeddedPostgres({ dataDir: restoredDir });
    expect(tables(await contentsOf(restored.url))).toEqual(tables(expected));
    await restored.stop();

    // In process from here, where coverage sees it: the refusal, then --clean.
    const location = { dataDir: restoredDir, port: 0 };
    await expect(restoreEmbedded(file, location, { clean: false, log: () => {} })).rejects.toThrow(
      "is not empty. Pass --clean to replace it",
    );
    const log: string[] = [];
    await restoreEmbedded(file, location, { clean: true, log: (line) => log.push(line) });
    expect(log[0]).toMatch(/^Moved the current embedded database to .*restored\.before-restore-\d{8}T\d{6}Z$/);
    expect((await readdir(await work)).filter((entry) => entry.startsWith("restored.before-restore-"))).toHaveLength(1);
  }, 180_000);

  it("refuses to back up an embedded database that does not exist yet", async () => {
    const missing = await run("backup", [], { EMBEDDED_DB_DIR: path.join(await work, "nothing-here") });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("There is no embedded database in");
  });

  it("refuses to restore a pg_dump archive into the embedded database", async () => {
    const archive = path.join(await work, "server-shaped.dump");
    await writeFile(archive, "PGDMP\x01\x0e\x00");
    await expect(restoreEmbedded(archive, { dataDir: path.join(await work, "x"), port: 0 }, quiet)).rejects.toThrow(
      "is a pg_dump archive; restore it into a PostgreSQL server",
    );
  });

  it("refuses to open the embedded database while something serves it (npm run dev)", async () => {
    const dataDir = path.join(await work, "served");
    await mkdir(dataDir, { recursive: true });
    await writeFile(path.join(dataDir, "PG_VERSION"), "18\n");
    const server = createServer().listen(0, "127.0.0.1");
    await once(server, "listening");
    const port = String((server.address() as AddressInfo).port);
    try {
      const refused = await run("backup", [], { EMBEDDED_DB_DIR: dataDir, EMBEDDED_DB_PORT: port });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`Port ${port} is in use: stop \`npm run dev\``);
      await expect(
        backupEmbedded({ dataDir, port: Number(port) }, path.join(await work, "no.tar.gz"), () => {}),
      ).rejects.toThrow(`Port ${port} is in use`);
    } finally {
      server.close();
    }
  });
});

describe("db:backup and db:restore", () => {
  it("name what to install when pg_dump is missing, and refuse a file that is no backup", async () => {
    const noTools = { DATABASE_URL: t.url, PATH: path.dirname(process.execPath) };
    const missing = await run("backup", ["--out", path.join(await work, "x.dump")], noTools);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("pg_dump was not found: install the PostgreSQL client tools");

    const junk = path.join(root, "package.json");
    const refused = await run("restore", [junk], { EMBEDDED_DB_DIR: path.join(await work, "never") });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("is neither a pg_dump custom-format archive nor an embedded (PGlite) backup");
  });
});

const hasPgRestore = spawnSync("pg_restore", ["--version"]).status === 0;

describe("the PostgreSQL client tools", () => {
  it("are named, with what to install, when they are not on PATH", async () => {
    const path0 = process.env.PATH;
    process.env.PATH = path.dirname(process.execPath);
    try {
      await expect(runPgTool("pg_dump", ["--version"], () => {})).rejects.toThrow("pg_dump was not found: install");
      await expect(readArchiveSchemas("x.dump")).rejects.toThrow("pg_restore was not found: install");
    } finally {
      process.env.PATH = path0;
    }
  });

  it.runIf(hasPgRestore)("report the tool's own error line when it fails", async () => {
    const junk = path.join(await work, "junk.dump");
    await writeFile(junk, "not an archive");
    const lines: string[] = [];
    await expect(runPgTool("pg_restore", ["--list", junk], (line) => lines.push(line))).rejects.toThrow(
      /^pg_restore failed: pg_restore: error: .*valid archive/,
    );
    expect(lines.length).toBeGreaterThan(0);
    await expect(readArchiveSchemas(junk)).rejects.toThrow("valid archive");
  });

  it.runIf(hasPgRestore)("turn an unreachable server or a broken archive into one clear error", async () => {
    const nowhere = "postgresql://postgres@127.0.0.1:1/app?pgbouncer=true";
    await expect(backupPostgres(nowhere, path.join(await work, "b", "x.dump"), () => {})).rejects.toThrow(
      /^pg_dump failed: .*127\.0\.0\.1.*port 1/,
    );
    const broken = path.join(await work, "broken.dump");
    await writeFile(broken, "PGDMP\x01\x0e\x00");
    await expect(restorePostgres(broken, nowhere, quiet)).rejects.toThrow("pg_restore");
    const tarball = path.join(await work, "embedded-shaped.tar.gz");
    await writeFile(tarball, Buffer.from([0x1f, 0x8b, 8, 0]));
    await expect(restorePostgres(tarball, nowhere, quiet)).rejects.toThrow(
      "is a backup of the embedded database (PGlite)",
    );
  });
});

const pgDumpMajor = Number(/\d+/.exec(spawnSync("pg_dump", ["--version"], { encoding: "utf8" }).stdout ?? "")?.[0]);

// The embedded database is PostgreSQL 18: an older pg_dump refuses it, as it would a newer server.
it.runIf(source.kind === "embedded" && pgDumpMajor < 18)(
  "the drill stops with pg_dump's reason when the client is older than the server",
  async () => {
    await expect(runRestoreDrill({ kind: "postgres", url: t.url }, { seed: false, log: () => {} })).rejects.toThrow(
      /^pg_dump failed: .*server version mismatch/,
    );
  },
);

const drillTarget = () =>
  source.kind === "postgres"
    ? { kind: "postgres" as const, url: source.adminUrl }
    : { kind: "embedded" as const, dataDir: "", port: 0 };

describe("the restore drill", () => {
  it("passes on a faithful restore of a seeded database", async () => {
    const log: string[] = [];
    const report = await runRestoreDrill(drillTarget(), { seed: true, log: (line) => log.push(line) });
    expect(report.differences).toEqual([]);
    expect(report.rows).toBeGreaterThanOrEqual(DRILL_SEED.users + DRILL_SEED.posts + DRILL_SEED.comments);
    expect(log.some((line) => line.startsWith("Restored "))).toBe(true);
  }, 120_000);

  it("names every table a tampered restore changed", async () => {
    const report = await runRestoreDrill(drillTarget(), {
      seed: true,
      log: () => {},
      afterRestore: (url) =>
        withClient(url, async (client) => {
          await client.query("UPDATE posts SET title = title || '!' WHERE id = (SELECT min(id) FROM posts)");
          await client.query("DELETE FROM comments WHERE id = (SELECT max(id) FROM comments)");
          await client.query("SELECT setval('users_id_seq', 1)");
        }),
    });
    expect(report.differences).toEqual([
      `public.comments: ${DRILL_SEED.comments} rows backed up, ${DRILL_SEED.comments - 1} restored`,
      expect.stringMatching(
        new RegExp(
          `^public\\.posts: same ${DRILL_SEED.posts} rows, different contents \\(checksum [0-9a-f]{32} backed up`,
        ),
      ),
      // The seed's users, then its admin.
      `public.users_id_seq: sequence restored at 1, behind the ${DRILL_SEED.users + 1} backed up (new rows would reuse ids)`,
    ]);
  }, 120_000);
});
