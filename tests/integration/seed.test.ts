import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { createAuth } from "@/lib/auth/auth";
import { authEmails } from "@/lib/auth/auth-emails";
import { toActor } from "@/lib/auth/actor";
import { checkResetAllowed, parseSeedArgs, seed, seedIfEmpty } from "../../prisma/seed";
import { allowsDemoPasswords, DEMO_ACCOUNTS } from "../../prisma/seed-accounts";
import { setupTestDatabase } from "#tests/test-database";

const t = setupTestDatabase();
const small = { users: 5, posts: 40, comments: 90 };

async function snapshot() {
  return {
    users: await t.db.user.findMany({
      select: { id: true, email: true, name: true, createdAt: true },
      orderBy: { id: "asc" },
    }),
    posts: await t.db.post.findMany({
      select: { id: true, title: true, userId: true, createdAt: true },
      orderBy: { id: "asc" },
    }),
    comments: await t.db.comment.count(),
  };
}

describe("seed", () => {
  it("writes the requested amounts through the services", async () => {
    await seed(t.db, small);
    const data = await snapshot();
    expect(data.users).toHaveLength(5 + 1); // and the admin
    expect(data.posts).toHaveLength(40);
    expect(data.comments).toBe(90);
    await expect(t.services.config.isEnabled("live-search")).resolves.toBe(false);
  });

  it("is deterministic: a second run gives the same rows", async () => {
    await seed(t.db, small);
    const first = await snapshot();
    await seed(t.db, small);
    expect(await snapshot()).toEqual(first);
  });
});

describe("demo accounts", () => {
  const signIn = (email: string, password: string) =>
    createAuth({ db: t.db, emails: authEmails() }).api.signInEmail({ body: { email, password } });

  it("sign in with the passwords `npm run dev` prints: members verified, the admin an admin", async () => {
    await seed(t.db, small);
    for (const email of DEMO_ACCOUNTS.members) {
      const { user } = await signIn(email, DEMO_ACCOUNTS.memberPassword);
      expect(toActor(user), email).toMatchObject({ role: "member", emailVerified: true });
    }
    const { user } = await signIn(DEMO_ACCOUNTS.admin.email, DEMO_ACCOUNTS.admin.password);
    expect(toActor(user)).toMatchObject({ role: "admin", emailVerified: true });
    expect(user.email).toBe(DEMO_ACCOUNTS.admin.email);
  });

  it("are stored as better-auth stores them, one hash per password", async () => {
    await seed(t.db, small);
    const accounts = await t.db.account.findMany({
      select: { userId: true, accountId: true, providerId: true, password: true },
      orderBy: { userId: "asc" },
    });
    expect(accounts.map((a) => [a.accountId, a.providerId])).toEqual(
      accounts.map((a) => [String(a.userId), "credential"]),
    );
    expect(accounts).toHaveLength(DEMO_ACCOUNTS.members.length + 1);
    expect(new Set(accounts.map((a) => a.password)).size).toBe(2);
  });

  it("get no password on a database that is not on this machine", async () => {
    expect(allowsDemoPasswords("postgresql://postgres@127.0.0.1:5432/app")).toBe(true);
    expect(allowsDemoPasswords("postgresql://postgres@localhost/app")).toBe(true);
    expect(allowsDemoPasswords("postgresql://app:secret@db.example.com:5432/app")).toBe(false);
    await seed(t.db, small, { demoPasswords: false });
    expect(await t.db.user.count({ where: { email: DEMO_ACCOUNTS.admin.email, role: "admin" } })).toBe(1);
    expect(await t.db.account.count()).toBe(0); // no credential: nobody can sign in with a password
  });
});

describe("seedIfEmpty", () => {
  it("seeds only a database without users", async () => {
    await t.db.$executeRawUnsafe("TRUNCATE comments, posts, users RESTART IDENTITY CASCADE");
    await expect(seedIfEmpty(t.url, small)).resolves.toBe(true);
    await expect(seedIfEmpty(t.url, small)).resolves.toBe(false);
    expect(await t.db.post.count()).toBe(40);
  });
});

describe("parseSeedArgs", () => {
  it("reads sizes and --reset", () => {
    expect(parseSeedArgs(["--posts=100000", "--reset"])).toEqual({
      reset: true,
      options: { users: 50, posts: 100_000, comments: 6_000 },
    });
    expect(parseSeedArgs([])).toEqual({ reset: false, options: { users: 50, posts: 2_000, comments: 6_000 } });
  });

  it("accepts the confirmation that a reset outside the embedded database needs", () => {
    expect(parseSeedArgs(["--reset", "--yes-reset-database"]).reset).toBe(true);
  });

  it("names an unknown argument", () => {
    expect(() => parseSeedArgs(["--post=3"])).toThrow(/^unknown flag --post$/);
  });
});

describe("db:seed -- --reset", () => {
  const production = "postgresql://app:secret@db.example.com:5432/app";

  it("refuses any database but the embedded one without --yes-reset-database", () => {
    expect(() => checkResetAllowed(production, ["--reset"], {})).toThrow(
      /refusing to empty every table of db\.example\.com:5432\/app.*--yes-reset-database/,
    );
    expect(() =>
      checkResetAllowed(production, ["--reset"], { EMBEDDED_DATABASE_URL: "postgresql://x@127.0.0.1/y" }),
    ).toThrow(/refusing/);
    expect(() => checkResetAllowed(production, ["--reset", "--yes-reset-database"], {})).not.toThrow();
    expect(() => checkResetAllowed(production, ["--reset"], { EMBEDDED_DATABASE_URL: production })).not.toThrow();
  });

  it("leaves the data alone when refused, and resets with the confirmation", async () => {
    await seed(t.db, small);
    await t.db.user.create({ data: { email: "kept@example.com", name: "Kept" }, select: { id: true } });
    const root = path.resolve(import.meta.dirname, "../..");
    const seedScript = (...args: string[]) =>
      promisify(execFile)(path.join(root, "node_modules/.bin/tsx"), ["prisma/seed.ts", ...args], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: t.url, EMBEDDED_DATABASE_URL: "", LOG_LEVEL: "info" },
        timeout: 60_000,
      });
    await expect(seedScript("--reset", "--users=2", "--posts=3", "--comments=1")).rejects.toMatchObject({
      stdout: expect.stringContaining("--yes-reset-database"),
    });
    expect(await t.db.user.count()).toBe(5 + 1 + 1); // the seed's, its admin, and the one added
    await seedScript("--reset", "--yes-reset-database", "--users=2", "--posts=3", "--comments=1");
    expect(await t.db.user.count()).toBe(2 + 1);
  });
});
