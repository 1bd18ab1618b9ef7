import { CACHE_TTL, cacheKeys, cacheTags, type AppCache } from "@/lib/cache-policy";
import { parseInput } from "@/lib/validation";
import type { ConfigRepository } from "./config.repository";
import { zSetFlagInput, type AppConfig, type FeatureFlag, type SetFlagInput } from "./config.types";

export type ConfigStore = Pick<ConfigRepository, "findAllFlags" | "findAllSettings" | "upsertFlag">;

export interface ConfigServiceDeps {
  config: ConfigStore;
  cache: AppCache;
}

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

  async setFlag(input: SetFlagInput): Promise<FeatureFlag> {
    const data = parseInput(zSetFlagInput, input);
    const flag = await this.deps.config.upsertFlag({ ...data, description: data.description ?? "" });
    await this.deps.cache.invalidate(cacheTags.config);
    return flag;
  }
}
