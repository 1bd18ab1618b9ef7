import { mkdir, readdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { detectBackupFormat, formatBytes, timestamp } from "./backup-files";
import { listRelations, withClient } from "./database-contents";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded";
import { libpqUrl, readArchiveSchemas, runPgTool, type ProgressLog } from "./pg-tools";

// Backup and restore for both kinds of database the starter runs on: a real PostgreSQL
// (pg_dump custom format, pg_restore) and the embedded PGlite (its data directory as a
// gzipped tarball, PGlite's own dumpDataDir; PGlite has no pg_dump of its own at this version).

export async function backupPostgres(url: string, out: string, log: ProgressLog): Promise<void> {
  await mkdir(path.dirname(out), { recursive: true });
  // No owners or grants: the restore target's roles are rarely the source's (Supabase, Neon).
  await runPgTool(
    "pg_dump",
    ["--format=custom", "--no-owner", "--no-privileges", "--verbose", `--file=${out}`, `--dbname=${libpqUrl(url)}`],
    log,
  );
  log(`Wrote ${out} (${formatBytes((await stat(out)).size)})`);
}

export async function writeEmbeddedBackup(embedded: EmbeddedPostgres, out: string, log: ProgressLog): Promise<void> {
  await mkdir(path.dirname(out), { recursive: true });
  log("Dumping the embedded database's data directory (PGlite dumpDataDir, gzip)…");
  const dump = await embedded.dumpDataDir("gzip");
  await writeFile(out, Buffer.from(await dump.arrayBuffer()));
  log(`Wrote ${out} (${formatBytes(dump.size)})`);
}

export interface EmbeddedLocation {
  dataDir: string;
  /** The port the embedded server listens on: taken while `npm run dev` runs, which must stop first. */
  port: number;
}

async function hasFiles(dir: string): Promise<boolean> {
  return readdir(dir).then(
    (entries) => entries.length > 0,
    (error: NodeJS.ErrnoException) => (error.code === "ENOENT" ? false : Promise.reject(error)),
  );
}

/** PGlite allows one process per data directory: refuse while `npm run dev` serves it. */
async function assertNotServed(location: EmbeddedLocation): Promise<void> {
  if (location.port === 0) return;
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new Error(
              `Port ${location.port} is in use: stop \`npm run dev\` (or whatever serves the embedded database) first`,
            )
          : error,
      ),
    );
    server.listen(location.port, "127.0.0.1", () => resolve());
  });
  await new Promise((resolve) => server.close(resolve));
}

export async function backupEmbedded(location: EmbeddedLocation, out: string, log: ProgressLog): Promise<void> {
  if (!(await hasFiles(location.dataDir))) {
    throw new Error(`There is no embedded database in ${location.dataDir} yet: start it once with \`npm run dev\``);
  }
  await assertNotServed(location);
  const embedded = await startEmbeddedPostgres(location);
  try {
    await writeEmbeddedBackup(embedded, out, log);
  } finally {
    await embedded.stop();
  }
}

export interface RestoreOptions {
  /** Replace what the target holds instead of refusing a non-empty target. */
  clean: boolean;
  log: ProgressLog;
}

function notEmpty(schemas: string[], relations: string[]): Error {
  const sample = relations.slice(0, 3).join(", ") + (relations.length > 3 ? ", …" : "");
  return new Error(
    `The target database is not empty: ${relations.length} tables, views or sequences in ` +
      `${schemas.join(", ")}, the schemas the backup restores into (${sample}). ` +
      "Restore into an empty database, or pass --clean to drop and replace what the backup contains.",
  );
}

export async function restorePostgres(file: string, url: string, options: RestoreOptions): Promise<void> {
  if ((await detectBackupFormat(file)) !== "pg_dump") {
    throw new Error(
      `${file} is a backup of the embedded database (PGlite); restore it with DATABASE_URL unset, into the embedded database`,
    );
  }
  // Only the schemas the backup fills must be empty: a provider's own (Supabase's auth, storage)
  // are there in every new database.
  const schemas = await readArchiveSchemas(file);
  const relations = await withClient(url, (client) => listRelations(client, schemas));
  if (relations.length > 0 && !options.clean) throw notEmpty(schemas, relations);
  const args = ["--no-owner", "--no-privileges", "--verbose", "--exit-on-error", "--single-transaction"];
  if (options.clean) args.push("--clean", "--if-exists");
  await runPgTool("pg_restore", [...args, `--dbname=${libpqUrl(url)}`, file], options.log);
  const restored = await withClient(url, (client) => listRelations(client, schemas));
  options.log(`Restored ${file}: ${restored.length} tables, views and sequences`);
}

export async function restoreEmbedded(
  file: string,
  location: EmbeddedLocation,
  options: RestoreOptions,
): Promise<void> {
  if ((await detectBackupFormat(file)) !== "pglite") {
    throw new Error(
      `${file} is a pg_dump archive; restore it into a PostgreSQL server (set DATABASE_URL), ` +
        "or into the embedded database's own server with `pg_restore` (the embedded one runs PostgreSQL 18)",
    );
  }
  await assertNotServed(location);
  if (await hasFiles(location.dataDir)) {
    if (!options.clean) {
      throw new Error(
        `The embedded database in ${location.dataDir} is not empty. ` +
          "Pass --clean to replace it (the current one is kept next to it), or set EMBEDDED_DB_DIR to an empty directory.",
      );
    }
    const aside = `${location.dataDir}.before-restore-${timestamp()}`;
    await rename(location.dataDir, aside);
    options.log(`Moved the current embedded database to ${aside}`);
  }
  const dump = new Blob([await readFile(file)]);
  options.log(`Loading ${file} (${formatBytes(dump.size)}) into ${location.dataDir}…`);
  const embedded = await startEmbeddedPostgres({ ...location, loadDataDir: dump });
  try {
    const relations = await withClient(embedded.url, (client) => listRelations(client));
    options.log(`Restored ${file}: ${relations.length} tables, views and sequences`);
  } finally {
    await embedded.stop();
  }
}
