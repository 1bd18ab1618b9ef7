import { CACHE_TTL, cacheKeys, cacheTags, type AppCache } from "@/lib/cache-policy";
import { parseInput } from "@/lib/validation";
import type { ConfigRepository } from "./config.repository";
import { zSetFlagInput, type AppConfig, type FeatureFlag, type FlagChange, type FlagChanger } from "./config.types";

export type ConfigStore = Pick<
  ConfigRepository,
  "findAllFlags" | "findAllSettings" | "upsertFlag" | "findLatestFlagChanges"
>;

export interface ConfigServiceDeps {
  config: ConfigStore;
  cache: AppCache;
}

/** How many switches the audit trail shows. */
export const FLAG_CHANGES_SHOWN = 50;

// Feature flags let a deploy ship code switched off (A10.1): an unknown flag is off.
export class ConfigService {
  constructor(private readonly deps: ConfigServiceDeps) {}

  getConfig(): Promise<AppConfig> {
    return this.deps.cache.getCached(
      cacheKeys.config(),
      async () => {
        const [flags, settings] = await Promise.all([
          this.deps.config.findAllFlags(),
          this.deps.config.findAllSettings(),
        ]);
        return {
          flags: Object.fromEntries(flags.map((f) => [f.key, f.enabled])),
          settings: Object.fromEntries(settings.map((s) => [s.key, s.value])),
        };
      },
      { ttl: CACHE_TTL.config, tags: [cacheTags.config] },
    );
  }

  async isEnabled(key: string): Promise<boolean> {
    const { flags } = await this.getConfig();
    return flags[key] ?? false;
  }

  /**
   * Switches a flag for every instance: the write and its audit line, then the shared
   * config entry invalidated, so the next request anywhere reads the new value.
   */
  async setFlag(input: unknown, changedBy: FlagChanger): Promise<FeatureFlag> {
    const data = parseInput(zSetFlagInput, input);
    const flag = await this.deps.config.upsertFlag(data, changedBy);
    await this.deps.cache.invalidate(cacheTags.config);
    return flag;
  }

  /** Every flag with its description, from the database: what the console switches. */
  listFlags(): Promise<FeatureFlag[]> {
    return this.deps.config.findAllFlags();
  }

  /** The audit trail, newest first. */
  listFlagChanges(): Promise<FlagChange[]> {
    return this.deps.config.findLatestFlagChanges(FLAG_CHANGES_SHOWN);
  }
}
