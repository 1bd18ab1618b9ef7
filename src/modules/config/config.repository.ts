import type { Prisma } from "@/generated/prisma/client";
import type { Database } from "@/lib/prisma";
import type { FeatureFlag, FlagChange, FlagChanger, SetFlagData } from "./config.types";

const flagSelect = { key: true, enabled: true, description: true } satisfies Prisma.FeatureFlagSelect;
const settingSelect = { key: true, value: true } satisfies Prisma.AppSettingSelect;
const flagChangeSelect = {
  id: true,
  flagKey: true,
  enabled: true,
  source: true,
  changedAt: true,
  user: { select: { id: true, name: true, email: true } },
} satisfies Prisma.FlagChangeSelect;

type FlagRow = Prisma.FeatureFlagGetPayload<{ select: typeof flagSelect }>;
type SettingRow = Prisma.AppSettingGetPayload<{ select: typeof settingSelect }>;

export class ConfigRepository {
  constructor(private readonly db: Database) {}

  findAllFlags(): Promise<FlagRow[]> {
    return this.db.featureFlag.findMany({ select: flagSelect, orderBy: { key: "asc" } });
  }

  findAllSettings(): Promise<SettingRow[]> {
    return this.db.appSetting.findMany({ select: settingSelect, orderBy: { key: "asc" } });
  }

  /**
   * Writes the flag and its line in the audit trail in one transaction: no switch without
   * its record. Without a description, a new flag gets none and an existing one keeps its own.
   */
  async upsertFlag(flag: SetFlagData, changedBy: FlagChanger): Promise<FeatureFlag> {
    const [saved] = await this.db.$transaction([
      this.db.featureFlag.upsert({
        where: { key: flag.key },
        create: { ...flag, description: flag.description ?? "" },
        update: { enabled: flag.enabled, description: flag.description },
        select: flagSelect,
      }),
      this.db.flagChange.create({
        data: {
          flagKey: flag.key,
          enabled: flag.enabled,
          source: changedBy.source,
          userId: changedBy.source === "console" ? changedBy.userId : null,
        },
        select: { id: true },
      }),
    ]);
    return saved;
  }

  /** The latest switches, newest first (idx_flag_changes_changed_at). */
  findLatestFlagChanges(limit: number): Promise<FlagChange[]> {
    return this.db.flagChange.findMany({
      select: flagChangeSelect,
      orderBy: [{ changedAt: "desc" }, { id: "desc" }],
      take: limit,
    });
  }
}
