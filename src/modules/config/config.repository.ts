import type { Database } from "@/lib/prisma";
import type { FeatureFlag } from "./config.types";

export class ConfigRepository {
  constructor(private readonly db: Database) {}

  findAllFlags(): Promise<FeatureFlag[]> {
    return this.db.featureFlag.findMany({
      select: { key: true, enabled: true, description: true },
      orderBy: { key: "asc" },
    });
  }

  findAllSettings(): Promise<{ key: string; value: unknown }[]> {
    return this.db.appSetting.findMany({ select: { key: true, value: true }, orderBy: { key: "asc" } });
  }

  upsertFlag(flag: FeatureFlag): Promise<FeatureFlag> {
    return this.db.featureFlag.upsert({
      where: { key: flag.key },
      create: flag,
      update: { enabled: flag.enabled, description: flag.description },
      select: { key: true, enabled: true, description: true },
    });
  }
}
