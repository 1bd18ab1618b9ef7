import { afterEach, describe, expect, it, vi } from "vitest";
import { HealthService } from "./health.service";
import type { HealthCheck } from "./health.types";

const release = { version: "1.2.3", commit: "abc123" };

function service(checks: HealthCheck[], timeoutMs = 1_000) {
  const logger = { warn: vi.fn() };
  return { health: new HealthService({ checks, timeoutMs, release, logger }), logger };
}

const ok = (name: string, critical: boolean): HealthCheck => ({ name, critical, probe: vi.fn(async () => {}) });
const failing = (name: string, critical: boolean): HealthCheck => ({
  name,
  critical,
  probe: vi.fn(async () => {
    throw new Error("connect ECONNREFUSED 10.0.0.7:5432");
  }),
});

afterEach(() => vi.useRealTimers());

describe("HealthService", () => {
  it("is ok when every dependency answers, with the version and each check's status", async () => {
    const database = ok("database", true);
    const { health } = service([database, ok("cache", false)]);
    const report = await health.check();
    expect(report).toMatchObject({
      status: "ok",
      version: "1.2.3",
      commit: "abc123",
      checks: { database: { status: "ok", critical: true }, cache: { status: "ok", critical: false } },
    });
    expect(database.probe).toHaveBeenCalledTimes(1);
  });

  it("is down when a critical dependency fails, without leaking the error", async () => {
    const { health, logger } = service([failing("database", true), ok("cache", false)]);
    const report = await health.check();
    expect(report.status).toBe("down");
    expect(report.checks.database).toMatchObject({ status: "failing", problem: "error" });
    expect(JSON.stringify(report)).not.toContain("10.0.0.7");
    expect(logger.warn).toHaveBeenCalledWith(expect.objectContaining({ check: "database" }), "health check failing");
  });

  it("is only degraded when a non-critical dependency fails", async () => {
    const { health } = service([ok("database", true), failing("cache", false)]);
    await expect(health.check()).resolves.toMatchObject({
      status: "degraded",
      checks: { cache: { status: "failing" } },
    });
  });

  it("gives up on a probe that hangs after the timeout", async () => {
    vi.useFakeTimers();
    const hanging: HealthCheck = { name: "database", critical: true, probe: () => new Promise(() => {}) };
    const { health } = service([hanging, ok("cache", false)], 500);
    const pending = health.check();
    await vi.advanceTimersByTimeAsync(500);
    await expect(pending).resolves.toMatchObject({
      status: "down",
      checks: { database: { status: "failing", problem: "timeout" }, cache: { status: "ok" } },
    });
  });

  it("with no checks, is ok", async () => {
    await expect(service([]).health.check()).resolves.toMatchObject({ status: "ok", checks: {} });
  });
});
