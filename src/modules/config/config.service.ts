import { parseInput } from "@/lib/validation";
import type { ConfigRepository } from "./config.repository";
import { zSetFlagInput, type AppConfig, type FeatureFlag, type SetFlagInput } from "./config.types";

export type ConfigStore = Pick<ConfigRepository, "findAllFlags" | "findAllSettings" | "upsertFlag">;

// Feature flags let a deploy ship code switched off (A10.1): an unknown flag is off.
export class ConfigService {
  constructor(private readonly config: ConfigStore) {}

  async getConfig(): Promise<AppConfig> {
    const [flags, settings] = await Promise.all([this.config.findAllFlags(), this.config.findAllSettings()]);
    return {
      flags: Object.fromEntries(flags.map((f) => [f.key, f.enabled])),
      settings: Object.fromEntries(settings.map((s) => [s.key, s.value])),
    };
  }

  async isEnabled(key: string): Promise<boolean> {
    const { flags } = await this.getConfig();
    return flags[key] ?? false;
  }

  async setFlag(input: SetFlagInput): Promise<FeatureFlag> {
    const data = parseInput(zSetFlagInput, input);
    return this.config.upsertFlag({ ...data, description: data.description ?? "" });
  }
}
