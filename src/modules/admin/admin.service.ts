import { NotFoundError } from "@/lib/errors";
import type { CacheStatistics } from "@/lib/cache-stats";
import { parseInput } from "@/lib/validation";
import type { ConfigService } from "@/modules/config/config.service";
import { zSetFlagInput, type FeatureFlag } from "@/modules/config/config.types";
import type { HealthService } from "@/modules/health/health.service";
import type { Actor } from "@/modules/users/user.types";
import type { AdminRepository } from "./admin.repository";
import type { FlagsPanel, HealthPanel, SlowQueriesPanel } from "./admin.types";
import { missingExtensionHelp } from "./slow-queries";

export interface AdminServiceDeps {
  health: Pick<HealthService, "check">;
  config: Pick<ConfigService, "listFlags" | "listFlagChanges" | "setFlag">;
  database: Pick<AdminRepository, "connectionPool" | "findSlowQueries">;
  cache: { statistics(): CacheStatistics };
  /** Seconds since this instance started. */
  uptimeSeconds?: () => number;
}

/** The console's slow-query list is the article's top 10 (A1.4), as `npm run db:slow-queries`. */
const SLOW_QUERIES_SHOWN = 10;

// The console switches flags, not their descriptions: those come with the code that reads them.
const zConsoleFlagInput = zSetFlagInput.pick({ key: true, enabled: true });

/**
 * The admin console (ADR 0102): for admins only. Anyone else, signed in or not, is told the
 * page does not exist, the same 404 as for any unknown URL, so the console is not advertised.
 */
export class AdminService {
  constructor(private readonly deps: AdminServiceDeps) {}

  async health(actor: Actor | null): Promise<HealthPanel> {
    authorize(actor);
    const report = await this.deps.health.check();
    const database = report.checks.database;
    const cache = report.checks.cache;
    return {
      report,
      database: {
        reachable: database?.status === "ok",
        roundTripMs: database?.durationMs ?? 0,
        pool: this.deps.database.connectionPool(),
      },
      cache: {
        store: this.deps.cache.statistics().store,
        reachable: cache?.status === "ok",
        latencyMs: cache?.durationMs ?? 0,
      },
      release: { version: report.version, commit: report.commit },
      uptimeSeconds: Math.round((this.deps.uptimeSeconds ?? process.uptime)()),
    };
  }

  async flags(actor: Actor | null): Promise<FlagsPanel> {
    authorize(actor);
    const [flags, changes] = await Promise.all([this.deps.config.listFlags(), this.deps.config.listFlagChanges()]);
    return { flags, changes };
  }

  /** Through ConfigService.setFlag: recorded in the trail and seen by every instance at once. */
  async setFlag(actor: Actor | null, input: unknown): Promise<FeatureFlag> {
    authorize(actor);
    const flag = parseInput(zConsoleFlagInput, input);
    return this.deps.config.setFlag(flag, { source: "console", userId: actor.id });
  }

  async slowQueries(actor: Actor | null): Promise<SlowQueriesPanel> {
    authorize(actor);
    const report = await this.deps.database.findSlowQueries(SLOW_QUERIES_SHOWN);
    if (report.kind === "ok") return report;
    return { ...report, help: missingExtensionHelp(report.reason, report.database) };
  }

  cache(actor: Actor | null): CacheStatistics {
    authorize(actor);
    return this.deps.cache.statistics();
  }
}

// Checked before anything else, input included: a member learns nothing, not even that a field is wrong.
function authorize(actor: Actor | null): asserts actor is Actor {
  if (actor?.role !== "admin") throw new NotFoundError("Page", "admin");
}
