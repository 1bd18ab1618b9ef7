import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { createCache, createMemoryStore } from "@/lib/redis";
import { parseEnv } from "@/lib/env";
import { createServices } from "@/server/services";
import { parseSetRoleArgs, setRole } from "../../scripts/users/set-role";
import { factories } from "#tests/factories";
import { setupTestDatabase } from "#tests/test-database";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const t = setupTestDatabase();
const { createUser } = factories(() => t.services);

const roleOf = async (id: number) =>
  (await t.db.user.findUniqueOrThrow({ where: { id }, select: { role: true } })).role;

const cli = (...args: string[]) =>
  run(path.join(root, "node_modules/.bin/tsx"), ["scripts/users/set-role.ts", ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: t.url, UPSTASH_REDIS_REST_URL: "", LOG_LEVEL: "info" },
    timeout: 60_000,
  });

describe("parseSetRoleArgs", () => {
  it("reads an email, a role and the optional environment", () => {
    expect(parseSetRoleArgs(["ada@example.com", "admin"])).toEqual({ email: "ada@example.com", role: "admin" });
    expect(parseSetRoleArgs(["ada@example.com", "member", "--environment=production"])).toMatchObject({
      environment: "production",
    });
  });

  it.each([[[]], [["ada@example.com"]], [["ada@example.com", "admin", "extra"]], [["a", "admin", "--force"]]])(
    "refuses %j",
    (argv) => {
      expect(() => parseSetRoleArgs(argv)).toThrow(/email, then admin or member|unknown flag --force/);
    },
  );
});

describe("users:role", () => {
  it("makes a user an admin and a member again, whatever the case of the email, refreshing the profile", async () => {
    const user = await createUser({ email: "grace@example.com" });
    const cache = createCache(parseEnv({}), createMemoryStore());
    const { users } = createServices(t.db, cache);
    await expect(users.getProfile({ id: user.id })).resolves.toMatchObject({ role: "member" });

    await expect(setRole(t.db, cache, { email: "Grace@Example.com", role: "admin" })).resolves.toMatchObject({
      id: user.id,
      role: "admin",
    });
    await expect(users.getProfile({ id: user.id })).resolves.toMatchObject({ role: "admin" });

    const { stdout } = await cli("grace@example.com", "member");
    expect(stdout).toContain("grace@example.com is now a member");
    expect(await roleOf(user.id)).toBe("member");
    await cli("grace@example.com", "admin");
    expect(await roleOf(user.id)).toBe("admin");
  });

  it("names an unknown email or role and exits non-zero, changing nothing", async () => {
    const user = await createUser();
    await expect(cli("nobody@example.com", "admin")).rejects.toMatchObject({
      code: 1,
      stderr: "users:role: User nobody@example.com not found\n",
    });
    await expect(cli(user.email, "owner")).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^users:role: Invalid role: must be one of: member, admin\n$/),
    });
    expect(await roleOf(user.id)).toBe("member");
    await expect(cli("nobody@example.com")).rejects.toMatchObject({ code: 2 });
  });
});
