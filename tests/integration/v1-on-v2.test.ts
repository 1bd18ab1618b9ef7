import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backfillUserRole } from "../../scripts/db/backfill-user-role";
import { rollbackMigrations } from "../../scripts/db/rollback";
import { applyMigrations, readMigrations } from "../../scripts/db/schema-engine";
import { PostRepository } from "@/modules/posts/post.repository";
import { PrismaClient as V1PrismaClient } from "../fixtures/v1-release/generated/client";
import { UserRepository as V1UserRepository } from "../fixtures/v1-release/user.repository";
import { unique } from "#tests/factories";
import { runSql } from "#tests/schema-snapshot";
import { setupTestDatabase } from "#tests/test-database";

// A7.2: the release before users.role (its repository, kept as a fixture) keeps working
// against the schema after every step of the role example, and while the backfill runs.

const t = setupTestDatabase();
const OLD_USERS = 95;

// The previous release's client, generated from its own schema: it sends that release's SQL.
let v1Db: V1PrismaClient;
const v1Queries: string[] = [];
beforeAll(() => {
  v1Db = new V1PrismaClient({
    adapter: new PrismaPg({ connectionString: t.url, max: 2 }),
    log: [{ emit: "event", level: "query" }],
  });
  v1Db.$on("query" as never, (event: { query: string }) => v1Queries.push(event.query));
});
afterAll(async () => {
  await v1Db.$disconnect();
});

/** Applies the pending migrations up to the one called `<stamp>_<name>`. */
const stepTo = async (name: string) => {
  const names = (await readMigrations()).migrationDirectories.map((d) => d.path);
  const target = names.find((n) => n.replace(/^\d+_/, "") === name);
  if (!target) throw new Error(`no migration named ${name}`);
  return applyMigrations(t.url, undefined, target);
};
const nullRoles = async () =>
  ((await runSql(t.url, "SELECT count(*)::int AS n FROM users WHERE role IS NULL")) as { n: number }[])[0]?.n;

/**
 * Every query of the previous release's user repository, checked for what it returns, and
 * (unless other work runs at the same time) for the SQL it sends.
 */
async function exerciseV1({ checkSql = true } = {}): Promise<number> {
  const v1 = new V1UserRepository(v1Db);
  if (checkSql) v1Queries.length = 0;
  const email = `${unique("v1")}@example.com`;
  const user = await v1.create({ email, name: "Previous Release" });
  expect(user).toEqual({ id: expect.any(Number), email, name: "Previous Release", createdAt: expect.any(Date) });
  await expect(v1.findProfileById(user.id)).resolves.toEqual({
    id: user.id,
    name: "Previous Release",
    createdAt: user.createdAt,
    postCount: 0,
  });
  await expect(v1.exists(user.id)).resolves.toBe(true);
  await expect(v1.findByEmail(email)).resolves.toEqual({ id: user.id });
  await expect(v1.findExistingIds([user.id, 2_000_000])).resolves.toEqual(new Set([user.id]));
  if (checkSql) expectPreviousReleaseSql(6);
  return user.id;
}

/** The previous release's SQL knows nothing of the new column. */
function expectPreviousReleaseSql(atLeast: number) {
  expect(v1Queries.length).toBeGreaterThanOrEqual(atLeast);
  expect(v1Queries.join("\n")).not.toMatch(/role/i);
}

describe("the previous release on every step of the role migration", () => {
  it("runs on its own schema, where the backfill refuses to start", async () => {
    const names = (await readMigrations()).migrationDirectories.map((d) => d.path);
    await rollbackMigrations(t.url, { steps: names.length - 1 });
    await exerciseV1();
    await runSql(
      t.url,
      `INSERT INTO users (email, name) SELECT 'old-' || g || '@example.com', 'Old ' || g FROM generate_series(1, ${OLD_USERS}) g`,
    );
    await expect(backfillUserRole(t.url)).rejects.toThrow("users.role does not exist");
  });

  it("runs after the column is added: its new users get the default, older rows stay NULL", async () => {
    await expect(stepTo("add_user_role")).resolves.toHaveLength(1);
    const id = await exerciseV1();
    await expect(runSql(t.url, `SELECT role FROM users WHERE id = ${id}`)).resolves.toEqual([{ role: "member" }]);
    expect(await nullRoles()).toBe(OLD_USERS + 1);
  });

  it("runs while the backfill works in batches, which can stop and resume", async () => {
    const stop = new AbortController();
    const partial = await backfillUserRole(t.url, {
      batchSize: 10,
      signal: stop.signal,
      onBatch: ({ updated }) => {
        if (updated >= 20) stop.abort();
      },
    });
    expect(partial).toEqual({ updated: 20, batches: 2, complete: false });

    const admins: number[] = [];
    v1Queries.length = 0;
    const between = async () => {
      await exerciseV1({ checkSql: false });
      // The release that brought role, writing its own rows: SQL of that release, since the
      // current client also writes columns that later migrations add.
      const [admin] = (await runSql(
        t.url,
        `INSERT INTO users (email, name, role) VALUES ('${unique("admin")}@example.com', 'Admin', 'admin') RETURNING id`,
      )) as { id: number }[];
      admins.push(admin!.id);
    };
    const [rest] = await Promise.all([
      backfillUserRole(t.url, { batchSize: 10, onBatch: between }),
      between(),
      between(),
    ]);
    expect(rest).toMatchObject({ updated: OLD_USERS + 1 - 20, complete: true });
    expect(rest.batches).toBeGreaterThan(5);
    expectPreviousReleaseSql(6 * (rest.batches + 2));
    expect(await nullRoles()).toBe(0);
    // Only NULLs are touched: the roles the new release wrote meanwhile are kept.
    const roles = await runSql(t.url, `SELECT DISTINCT role FROM users WHERE id IN (${admins.join(",")})`);
    expect(roles).toEqual([{ role: "admin" }]);
    await expect(backfillUserRole(t.url)).resolves.toEqual({ updated: 0, batches: 0, complete: true });
  });

  it("runs once NULLs are refused by a NOT VALID check", async () => {
    await expect(stepTo("check_user_role_not_null")).resolves.toHaveLength(1);
    const id = await exerciseV1();
    await expect(runSql(t.url, `UPDATE users SET role = NULL WHERE id = ${id}`)).rejects.toMatchObject({
      code: "23514",
    });
  });

  it("runs once role is NOT NULL and the check is gone", async () => {
    await expect(stepTo("user_role_not_null")).resolves.toHaveLength(1);
    await exerciseV1();
    await expect(
      runSql(
        t.url,
        "SELECT is_nullable FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'role'",
      ),
    ).resolves.toEqual([{ is_nullable: "NO" }]);
    await expect(
      runSql(t.url, "SELECT conname FROM pg_constraint WHERE conname = 'users_role_not_null_check'"),
    ).resolves.toEqual([]);
  });

  it("runs after the last migration, beside the current release", async () => {
    await applyMigrations(t.url);
    const id = await exerciseV1();
    await expect(t.services.users.getProfile({ id: id })).resolves.toMatchObject({ role: "member", postCount: 0 });
    await expect(new PostRepository(t.db).findPageByAuthor(id, { skip: 0, take: 20 })).resolves.toEqual({
      items: [],
      total: 0,
    });
  });
});
