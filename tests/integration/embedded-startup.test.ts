import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "../../prisma/seed-accounts";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const tsx = path.join(root, "node_modules/.bin/tsx");

// What `npm run dev` does with no configuration, end to end in a child process: start the
// embedded PostgreSQL, migrate, seed, start the mail catcher, keep a secret, say all of it in
// one line, and hand DATABASE_URL, SMTP_URL and BETTER_AUTH_SECRET to the command.
const probe = `
  const pg = require("pg");
  const nodemailer = require("nodemailer");
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  client.connect()
    .then(() => client.query("SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM posts)::int AS posts"))
    .then((r) => { process.stdout.write("COUNTS " + JSON.stringify(r.rows[0]) + "\\n"); return client.end(); })
    .then(() => nodemailer.createTransport(process.env.SMTP_URL).sendMail({ from: "a@example.test", to: "b@example.test", subject: "probe", text: "." }))
    .then(() => process.stdout.write("ENV " + JSON.stringify({ SMTP_URL: process.env.SMTP_URL, BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET }) + "\\n"));
`;

describe("with-db (the embedded default)", () => {
  let dataDir = "";
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const unset = { DATABASE_URL: "", SMTP_URL: "", BETTER_AUTH_SECRET: "" };

  async function startOnce() {
    const { stdout } = await run(tsx, ["scripts/with-db.ts", "--dev", process.execPath, "-e", probe], {
      cwd: root,
      env: {
        ...process.env,
        ...unset,
        EMBEDDED_DB_DIR: path.join(dataDir, "pglite"),
        EMBEDDED_DB_PORT: "0",
        DEV_AUTH_SECRET_FILE: path.join(dataDir, "auth-secret"),
        MAIL_CATCHER_SMTP_PORT: "0",
        MAIL_CATCHER_HTTP_PORT: "0",
        LOG_LEVEL: "info",
      },
      timeout: 120_000,
    });
    const lines = stdout.split("\n");
    const startup = lines.filter((line) => line.startsWith("{"));
    const tagged = (tag: string) =>
      JSON.parse(lines.find((line) => line.startsWith(`${tag} `))?.slice(tag.length + 1) ?? "{}");
    return { startup: startup.map((line) => JSON.parse(line)), counts: tagged("COUNTS"), env: tagged("ENV") };
  }

  it("migrates and seeds on first start, says so and how to sign in in one line, and keeps the data", async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "scale-embedded-"));
    const first = await startOnce();
    expect(first.startup).toHaveLength(1);
    const [line] = first.startup;
    expect(line).toMatchObject({
      level: "info",
      msg: expect.stringContaining("embedded PostgreSQL"),
      seeded: true,
      migrationsApplied: expect.any(Number),
      inbox: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/$/),
      secret: expect.stringMatching(/^BETTER_AUTH_SECRET generated and kept in .*auth-secret/),
    });
    for (const email of DEMO_ACCOUNTS.members) expect(line.demoAccounts).toContain(email);
    expect(line.demoAccounts).toContain(`password: ${DEMO_ACCOUNTS.memberPassword}`);
    expect(line.admin).toBe(`${DEMO_ACCOUNTS.admin.email} (password: ${DEMO_ACCOUNTS.admin.password})`);
    expect(first.counts).toEqual({ users: 50 + 1, posts: 2000 });
    // The child got a working SMTP_URL (its mail was accepted) and the kept secret.
    expect(first.env.SMTP_URL).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
    const secret = (await readFile(path.join(dataDir, "auth-secret"), "utf8")).trim();
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(first.env.BETTER_AUTH_SECRET).toBe(secret);

    const second = await startOnce();
    expect(second.startup[0]).toMatchObject({
      seeded: false,
      migrationsApplied: 0,
      secret: expect.stringMatching(/^BETTER_AUTH_SECRET kept in /),
    });
    expect(second.counts).toEqual({ users: 50 + 1, posts: 2000 });
    expect(second.env.BETTER_AUTH_SECRET).toBe(secret); // sessions survive a restart
  }, 240_000);

  it("refuses to start a production server without BETTER_AUTH_SECRET, in one line naming it", async () => {
    const refused = await run(tsx, ["scripts/with-db.ts", "--production", process.execPath, "-e", ""], {
      cwd: root,
      env: { ...process.env, ...unset, DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none" },
      timeout: 60_000,
    }).catch((error: { code: number; stderr: string }) => error);
    expect(refused).toMatchObject({
      code: 1,
      stderr:
        "BETTER_AUTH_SECRET is required to start the production server: set it to 32 random bytes (openssl rand -base64 32)\n",
    });
  });
});
