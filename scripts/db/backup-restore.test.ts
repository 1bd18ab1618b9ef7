import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseBackupArgs } from "./backup";
import { defaultBackupPath, detectBackupFormat, formatBytes } from "./backup-files";
import { describeTarget, resolveTarget, ROOT } from "./backup-target";
import { compareContents, type DatabaseContents } from "./database-contents";
import { libpqUrl } from "./pg-tools";
import { parseRestoreArgs } from "./restore";
import { parseDrillArgs } from "./restore-drill";

describe("backup and restore arguments", () => {
  it("take --out in both syntaxes, the file to restore, --clean and --help", () => {
    expect(parseBackupArgs([])).toEqual({ out: undefined, help: false });
    expect(parseBackupArgs(["--out", "a.dump"])).toEqual({ out: "a.dump", help: false });
    expect(parseBackupArgs(["--out=b.dump"])).toEqual({ out: "b.dump", help: false });
    expect(parseBackupArgs(["--help"]).help).toBe(true);
    expect(() => parseBackupArgs(["--out="])).toThrow("--out needs a file name");
    expect(() => parseBackupArgs(["--outt", "x"])).toThrow("--outt");
    expect(parseRestoreArgs(["a.dump"])).toEqual({ file: "a.dump", clean: false, help: false });
    expect(parseRestoreArgs(["--clean", "a.dump"])).toEqual({ file: "a.dump", clean: true, help: false });
    expect(parseRestoreArgs(["-h"]).help).toBe(true);
    expect(() => parseRestoreArgs([])).toThrow("Name one backup file to restore (got 0)");
    expect(() => parseRestoreArgs(["a", "b"])).toThrow("(got 2)");
    expect(() => parseRestoreArgs(["--force", "a"])).toThrow("--force");
    expect(parseDrillArgs(["--seed"])).toEqual({ seed: true, help: false });
  });
});

describe("the database the commands act on", () => {
  it("is the direct URL, else DATABASE_URL, else the embedded database", () => {
    expect(resolveTarget({ DATABASE_URL: "postgresql://a/x", DIRECT_DATABASE_URL: "postgresql://b/x" })).toEqual({
      kind: "postgres",
      url: "postgresql://b/x",
    });
    expect(resolveTarget({ DATABASE_URL: "postgresql://a/x", DIRECT_DATABASE_URL: "" })).toEqual({
      kind: "postgres",
      url: "postgresql://a/x",
    });
    expect(resolveTarget({ EMBEDDED_DB_DIR: "tmp/db", EMBEDDED_DB_PORT: "0" }, "/project")).toEqual({
      kind: "embedded",
      dataDir: path.resolve("/project/tmp/db"),
      port: 0,
    });
    expect(resolveTarget({}, "/project")).toMatchObject({
      dataDir: path.resolve("/project/.data/pglite"),
      port: 54_329,
    });
  });

  it("is described by database and host, or by the embedded directory", () => {
    expect(describeTarget({ kind: "postgres", url: "postgresql://u:p@db.example.com/app" })).toBe(
      "app on db.example.com:5432",
    );
    expect(describeTarget({ kind: "postgres", url: "postgresql://u@h:6543" })).toBe("postgres on h:6543");
    expect(describeTarget({ kind: "embedded", dataDir: path.join(ROOT, ".data/pglite"), port: 0 })).toBe(
      "the embedded database in .data/pglite",
    );
    expect(describeTarget({ kind: "embedded", dataDir: "/elsewhere/db", port: 0 })).toBe(
      "the embedded database in /elsewhere/db",
    );
  });

  it("drops the URL parameters only Prisma understands before handing it to libpq", () => {
    expect(libpqUrl("postgresql://u:p@h:6543/db?pgbouncer=true&schema=public&sslmode=require&connection_limit=1")).toBe(
      "postgresql://u:p@h:6543/db?sslmode=require",
    );
  });
});

describe("backup files", () => {
  const dir = mkdtemp(path.join(tmpdir(), "backup-files-"));
  afterAll(async () => rm(await dir, { recursive: true, force: true }));

  it("are recognised by their first bytes, and anything else is refused with a hint", async () => {
    const write = async (name: string, bytes: Buffer) => {
      const file = path.join(await dir, name);
      await writeFile(file, bytes);
      return file;
    };
    const tar = Buffer.alloc(1024);
    tar.write("ustar", 257, "latin1");
    expect(await detectBackupFormat(await write("a.dump", Buffer.from("PGDMP\x01\x0e\x00")))).toBe("pg_dump");
    expect(await detectBackupFormat(await write("a.tar.gz", Buffer.from([0x1f, 0x8b, 8, 0])))).toBe("pglite");
    expect(await detectBackupFormat(await write("a.tar", tar))).toBe("pglite");
    await expect(detectBackupFormat(await write("a.age", Buffer.from("age-encryption.org/v1\n")))).rejects.toThrow(
      "neither a pg_dump custom-format archive nor an embedded (PGlite) backup: was it decrypted?",
    );
  });

  it("are named after the database and the UTC time by default", () => {
    const at = new Date("2026-12-01T03:17:05.123Z");
    expect(defaultBackupPath("/p", "pg_dump", "app", at)).toBe(path.join("/p", "backups", "app-20261201T031705Z.dump"));
    expect(defaultBackupPath("/p", "pglite", "embedded", at)).toBe(
      path.join("/p", "backups", "embedded-20261201T031705Z.tar.gz"),
    );
    expect([formatBytes(512), formatBytes(2048), formatBytes(3 * 1024 * 1024)]).toEqual(["512 B", "2.0 kB", "3.0 MB"]);
  });
});

describe("comparing a restored database with the backed-up one", () => {
  const backedUp: DatabaseContents = new Map([
    ["public.users", { kind: "table", rows: 2, checksum: "aaa" }],
    ["public.posts", { kind: "table", rows: 3, checksum: "bbb" }],
    ["public.tags", { kind: "table", rows: 0, checksum: "ccc" }],
    ["public.users_id_seq", { kind: "sequence", lastValue: 20 }],
  ]);

  it("finds nothing when every table matches and sequences are not behind", () => {
    const restored = new Map(backedUp);
    restored.set("public.users_id_seq", { kind: "sequence", lastValue: 52 });
    expect(compareContents(backedUp, restored)).toEqual([]);
  });

  it("names each table that lost rows, changed, vanished or appeared, and a sequence that went back", () => {
    const restored: DatabaseContents = new Map([
      ["public.users", { kind: "table", rows: 1, checksum: "aaa" }],
      ["public.posts", { kind: "table", rows: 3, checksum: "xxx" }],
      ["public.users_id_seq", { kind: "sequence", lastValue: 19 }],
      ["public.extra", { kind: "table", rows: 0, checksum: "ddd" }],
    ]);
    expect(compareContents(backedUp, restored)).toEqual([
      "public.users: 2 rows backed up, 1 restored",
      "public.posts: same 3 rows, different contents (checksum bbb backed up, xxx restored)",
      "public.tags: missing from the restored database",
      "public.users_id_seq: sequence restored at 19, behind the 20 backed up (new rows would reuse ids)",
      "public.extra: in the restored database only",
    ]);
    restored.set("public.tags", { kind: "sequence", lastValue: 1 });
    expect(compareContents(backedUp, restored)).toContain("public.tags: a table backed up, a sequence restored");
  });
});
