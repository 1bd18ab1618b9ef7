import { z } from "zod";

export const zFlagKey = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9-]{1,63}$/, { error: "must be lowercase letters, digits and dashes" });

export const zSetFlagInput = z.object({
  key: zFlagKey,
  enabled: z.boolean(),
  description: z.string().max(500).optional(),
});
export type SetFlagInput = z.input<typeof zSetFlagInput>;

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
