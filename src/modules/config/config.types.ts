import { z } from "zod";
import { zText } from "@/lib/validation";

const zFlagKey = zText({ max: 64 }).regex(/^[a-z][a-z0-9-]{1,63}$/, {
  error: "must be lowercase letters, digits and dashes",
});

// A form posts "true" or "false": the console's switches work without JavaScript.
const zFlagState = z.union([z.boolean(), z.enum(["true", "false"]).transform((state) => state === "true")], {
  error: "must be true or false",
});

export const zSetFlagInput = z.object({
  key: zFlagKey,
  enabled: zFlagState,
  description: zText({ min: 0, max: 500 }).optional(),
});
export type SetFlagData = z.output<typeof zSetFlagInput>;

export interface FeatureFlag {
  key: string;
  enabled: boolean;
  description: string;
}

/** App-wide configuration: the same for every viewer, so it may be cached and shared. */
export interface AppConfig {
  settings: Record<string, unknown>;
  flags: Record<string, boolean>;
}

/**
 * Who switched a flag, for the audit trail: an admin through the console (by user id), or
 * whoever ran `npm run flags:set` or the seed, which only the machine they ran on knows.
 */
export type FlagChanger = { source: "console"; userId: number } | { source: "command_line" | "seed" };
type FlagChangeSource = FlagChanger["source"];

/** One switch of a flag, as the console's audit trail shows it. */
export interface FlagChange {
  id: number;
  flagKey: string;
  enabled: boolean;
  source: FlagChangeSource;
  changedAt: Date;
  /** The admin who switched it from the console; null for a command, or once the account is deleted. */
  user: { id: number; name: string; email: string } | null;
}
