import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupTestDatabase } from "#tests/test-database";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const tsx = path.join(root, "node_modules/.bin/tsx");

// A checkout whose path has a space and an accent: the scripts are copied there (so Node
// runs them from that path, not from a resolved symlink), the rest is linked.
let checkout = "";
const t = setupTestDatabase();

beforeAll(async () => {
  const parent = await mkdtemp(path.join(tmpdir(), "scale-path-"));
  checkout = path.join(parent, "mon dépôt");
  await mkdir(checkout);
  await cp(path.join(root, "scripts"), path.join(checkout, "scripts"), { recursive: true });
  await cp(path.join(root, "prisma"), path.join(checkout, "prisma"), { recursive: true });
  for (const linked of ["src", "node_modules", "package.json", "tsconfig.json", ".squawk.toml"]) {
    await symlink(path.join(root, linked), path.join(checkout, linked));
  }
});

afterAll(async () => {
  if (checkout) await rm(path.dirname(checkout), { recursive: true, force: true });
});

function runScript(script: string, args: string[], env: Record<string, string> = {}) {
  return run(tsx, [path.join(checkout, script), ...args], {
    cwd: checkout,
    env: { ...process.env, LOG_LEVEL: "info", ...env },
    timeout: 60_000,
  });
}

describe("scripts run from a path with a space and an accent", () => {
  it("db:lint-migrations lints the migrations of that checkout", async () => {
    const { stdout } = await runScript("scripts/db/lint-migrations.ts", []);
    expect(stdout).toContain("every migration has a down.sql and squawk finds nothing unsafe");
  });

  it("db:seed seeds the database it is given", async () => {
    expect(await t.db.user.count()).toBe(0);
    await runScript("prisma/seed.ts", ["--users", "3", "--posts=4", "--comments=2"], { DATABASE_URL: t.url });
    expect([await t.db.user.count(), await t.db.post.count(), await t.db.comment.count()]).toEqual([3 + 1, 4, 2]); // and the admin
  });

  it("db:rollback answers --help and refuses an unknown flag with exit code 2", async () => {
    const { stdout } = await runScript("scripts/db/rollback.ts", ["--help"]);
    expect(stdout).toMatch(/^usage: npm run db:rollback -- \[--steps N\]/);
    expect(stdout).toMatch(/--steps N +how many migrations to roll back/);
    const refused = await runScript("scripts/db/rollback.ts", ["--step", "2"]).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringMatching(/^unknown flag --step\n/) });
  });
});
