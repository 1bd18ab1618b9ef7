import type { CacheStatistics } from "@/lib/cache-stats";
import type { PoolCounts } from "@/lib/prisma";
import type { FeatureFlag, FlagChange } from "@/modules/config/config.types";
import type { HealthReport } from "@/modules/health/health.types";
import type { EnableSteps, SlowQueryReport } from "./slow-queries";

/** The console's first page: the checks of /api/health, and what an operator needs beside them. */
export interface HealthPanel {
  /** Exactly what GET /api/health answers. */
  report: HealthReport;
  database: {
    reachable: boolean;
    /** Milliseconds of the health check's `SELECT 1`, connection included. */
    roundTripMs: number;
    /** Null when the client was not made by createDatabase (nothing to count). */
    pool: PoolCounts | null;
  };
  cache: {
    store: CacheStatistics["store"];
    reachable: boolean;
    latencyMs: number;
  };
  release: { version: string; commit: string | null };
  /** Seconds since this instance started. */
  uptimeSeconds: number;
}

export interface FlagsPanel {
  flags: FeatureFlag[];
  /** Newest first. */
  changes: FlagChange[];
}

/** The report of `npm run db:slow-queries`, with the steps to enable the extension when it is missing. */
export type SlowQueriesPanel =
  | Extract<SlowQueryReport, { kind: "ok" }>
  | (Extract<SlowQueryReport, { kind: "missing" }> & { help: { why: string; places: EnableSteps[] } });
