import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const tsx = path.join(root, "node_modules/.bin/tsx");

// What `npm run dev` does with no configuration, end to end in a child process: start the
// embedded PostgreSQL, migrate, seed, and hand DATABASE_URL to the command.
const probe = `
  const pg = require("pg");
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  client.connect()
    .then(() => client.query("SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM posts)::int AS posts"))
    .then((r) => { process.stdout.write("COUNTS " + JSON.stringify(r.rows[0]) + "\\n"); return client.end(); });
`;

describe("with-db (the embedded default)", () => {
  let dataDir = "";
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function startOnce() {
    const { stdout } = await run(tsx, ["scripts/with-db.ts", process.execPath, "-e", probe], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: "", EMBEDDED_DB_DIR: dataDir, EMBEDDED_DB_PORT: "0", LOG_LEVEL: "info" },
      timeout: 120_000,
    });
    const log = stdout.split("\n").find((line) => line.includes("embedded PostgreSQL"));
    const counts = stdout.split("\n").find((line) => line.startsWith("COUNTS "));
    return { log: JSON.parse(log ?? "{}"), counts: JSON.parse(counts?.slice(7) ?? "{}") };
  }

  it("migrates and seeds on first start, says so in one line, and keeps the data", async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "scale-embedded-"));
    const first = await startOnce();
    expect(first.log).toMatchObject({ level: "info", seeded: true, migrationsApplied: expect.any(Number) });
    expect(first.counts).toEqual({ users: 50, posts: 2000 });

    const second = await startOnce();
    expect(second.log).toMatchObject({ seeded: false, migrationsApplied: 0 });
    expect(second.counts).toEqual({ users: 50, posts: 2000 });
  }, 240_000);
});
