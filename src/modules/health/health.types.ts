/** One dependency the app needs, probed by the health endpoint. */
export interface HealthCheck {
  name: string;
  /** A critical dependency down makes the app down (503); another one only degrades it. */
  critical: boolean;
  /** Resolves when the dependency answers; throws (or outlives the timeout) when it does not. */
  probe: () => Promise<void>;
}

type CheckStatus = "ok" | "failing";

export interface CheckResult {
  status: CheckStatus;
  critical: boolean;
  durationMs: number;
  /** Why it failed, without internals (this endpoint is public). */
  problem?: "timeout" | "error";
}

export interface HealthReport {
  status: "ok" | "degraded" | "down";
  version: string;
  commit: string | null;
  checks: Record<string, CheckResult>;
}
