import type { Logger } from "@/lib/logger";
import { TimeoutError, withTimeout } from "@/lib/timeout";
import type { CheckResult, HealthCheck, HealthReport } from "./health.types";

export interface HealthServiceDeps {
  checks: HealthCheck[];
  /** Each probe gets this long; an uptime monitor polls every minute and must not hang. */
  timeoutMs: number;
  release: { version: string; commit: string | null };
  logger: Pick<Logger, "warn">;
}

/** Probes every dependency at once and sums them up for uptime monitors (A1.2). */
export class HealthService {
  constructor(private readonly deps: HealthServiceDeps) {}

  async check(): Promise<HealthReport> {
    const results = await Promise.all(this.deps.checks.map((check) => this.run(check)));
    const checks = Object.fromEntries(this.deps.checks.map((check, i) => [check.name, results[i] as CheckResult]));
    const failing = results.filter((result) => result.status === "failing");
    return {
      status: failing.some((r) => r.critical) ? "down" : failing.length > 0 ? "degraded" : "ok",
      version: this.deps.release.version,
      commit: this.deps.release.commit,
      checks,
    };
  }

  private async run(check: HealthCheck): Promise<CheckResult> {
    const startedAt = performance.now();
    try {
      await withTimeout(check.probe(), this.deps.timeoutMs, `the ${check.name} check`);
      return { status: "ok", critical: check.critical, durationMs: elapsedSince(startedAt) };
    } catch (error) {
      this.deps.logger.warn({ err: error, check: check.name }, "health check failing");
      return {
        status: "failing",
        critical: check.critical,
        durationMs: elapsedSince(startedAt),
        problem: error instanceof TimeoutError ? "timeout" : "error",
      };
    }
  }
}

function elapsedSince(startedAt: number): number {
  return Math.round((performance.now() - startedAt) * 10) / 10;
}
