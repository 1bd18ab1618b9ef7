import { describe, expect, it, vi } from "vitest";
import { CacheStats } from "@/lib/cache-stats";
import type { Actor } from "@/modules/users/user.types";
import { AdminService, type AdminServiceDeps } from "./admin.service";

const admin: Actor = { id: 1, role: "admin", emailVerified: true };
const member: Actor = { id: 2, role: "member", emailVerified: true };

function fakeDeps(overrides: Partial<AdminServiceDeps> = {}) {
  return {
    health: {
      check: vi.fn(async () => ({
        status: "degraded" as const,
        version: "1.2.3",
        commit: "abcdef",
        checks: {
          database: { status: "ok" as const, critical: true, durationMs: 2.5 },
          cache: { status: "failing" as const, critical: false, durationMs: 150, problem: "timeout" as const },
        },
      })),
    },
    config: {
      listFlags: vi.fn(async () => [{ key: "live-search", enabled: false, description: "Live results" }]),
      listFlagChanges: vi.fn(async () => []),
      setFlag: vi.fn(async (input: unknown) => ({ ...(input as { key: string; enabled: boolean }), description: "" })),
    },
    database: {
      connectionPool: vi.fn(() => ({ inUse: 1, idle: 2, waiting: 0, max: 10 })),
      findSlowQueries: vi.fn(async () => ({
        kind: "missing" as const,
        database: "app",
        reason: "not-created" as const,
      })),
    },
    cache: { statistics: () => new CacheStats().snapshot("upstash") },
    uptimeSeconds: () => 3_600.4,
    ...overrides,
  } satisfies AdminServiceDeps;
}

describe("AdminService", () => {
  const sections = [
    ["health", (s: AdminService, a: Actor | null) => s.health(a)],
    ["flags", (s: AdminService, a: Actor | null) => s.flags(a)],
    ["slowQueries", (s: AdminService, a: Actor | null) => s.slowQueries(a)],
    ["cache", async (s: AdminService, a: Actor | null) => s.cache(a)],
    ["setFlag", (s: AdminService, a: Actor | null) => s.setFlag(a, { key: "live-search", enabled: true })],
  ] as const;

  it.each(sections)("%s: does not exist for anonymous visitors and members, and reads nothing", async (_, call) => {
    const deps = fakeDeps();
    const service = new AdminService(deps);
    for (const actor of [null, member]) {
      await expect(call(service, actor)).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect(deps.health.check).not.toHaveBeenCalled();
    expect(deps.config.listFlags).not.toHaveBeenCalled();
    expect(deps.config.setFlag).not.toHaveBeenCalled();
    expect(deps.database.findSlowQueries).not.toHaveBeenCalled();
  });

  it("health: the health check's report, the pool, the cache store, release and uptime", async () => {
    await expect(new AdminService(fakeDeps()).health(admin)).resolves.toEqual({
      report: expect.objectContaining({ status: "degraded" }),
      database: { reachable: true, roundTripMs: 2.5, pool: { inUse: 1, idle: 2, waiting: 0, max: 10 } },
      cache: { store: "upstash", reachable: false, latencyMs: 150 },
      release: { version: "1.2.3", commit: "abcdef" },
      uptimeSeconds: 3_600,
    });
  });

  it("setFlag: a member with bad input gets the 404 too; an admin gets the field named", async () => {
    const deps = fakeDeps();
    const service = new AdminService(deps);
    await expect(service.setFlag(member, { key: "live-search" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(service.setFlag(admin, { key: "live-search" })).rejects.toMatchObject({
      code: "VALIDATION",
      details: { issues: [{ field: "enabled" }] },
    });
    expect(deps.config.setFlag).not.toHaveBeenCalled();
  });

  it("setFlag: switches through the config service in the admin's name, description untouched", async () => {
    const deps = fakeDeps();
    await new AdminService(deps).setFlag(admin, { key: "live-search", enabled: "true", description: "Changed" });
    expect(deps.config.setFlag).toHaveBeenCalledWith(
      { key: "live-search", enabled: true },
      { source: "console", userId: admin.id },
    );
  });

  it("slowQueries: the report, with the steps to enable the extension when it is missing", async () => {
    const missing = await new AdminService(fakeDeps()).slowQueries(admin);
    expect(missing).toMatchObject({
      kind: "missing",
      reason: "not-created",
      help: { why: expect.stringContaining('"app"') },
    });
    const ok = { kind: "ok" as const, database: "app", queries: [] };
    const deps = fakeDeps({ database: { connectionPool: () => null, findSlowQueries: async () => ok } });
    await expect(new AdminService(deps).slowQueries(admin)).resolves.toEqual(ok);
  });
});
