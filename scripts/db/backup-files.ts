import { open } from "node:fs/promises";
import path from "node:path";

// What a backup file holds, read from its first bytes: a pg_dump custom-format archive, or a
// PGlite data directory (tar, gzipped or not) from `dumpDataDir`.

export type BackupFormat = "pg_dump" | "pglite";

export async function detectBackupFormat(file: string): Promise<BackupFormat> {
  const handle = await open(file, "r");
  try {
    const head = Buffer.alloc(512);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    if (head.subarray(0, 5).toString("latin1") === "PGDMP") return "pg_dump";
    if (head[0] === 0x1f && head[1] === 0x8b) return "pglite";
    if (bytesRead >= 262 && head.subarray(257, 262).toString("latin1") === "ustar") return "pglite";
  } finally {
    await handle.close();
  }
  throw new Error(
    `${file} is neither a pg_dump custom-format archive nor an embedded (PGlite) backup: ` +
      "was it decrypted? (`age --decrypt -i KEY FILE.age > FILE`)",
  );
}

export function timestamp(now = new Date()): string {
  return now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
}

export function defaultBackupPath(root: string, format: BackupFormat, databaseName: string, now = new Date()): string {
  const name = format === "pg_dump" ? `${databaseName}-${timestamp(now)}.dump` : `embedded-${timestamp(now)}.tar.gz`;
  return path.join(root, "backups", name);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
