import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import nextEnv from "@next/env";
import { logger } from "../../src/lib/logger";
import { createDatabase, type Database } from "../../src/lib/prisma";
import { cacheNamespace, type Cache } from "../../src/lib/redis";
import { createServices } from "../../src/server/services";
import type { FeatureFlag } from "../../src/modules/config/config.types";
import { deploymentEnv, operatorCache, warnIfNotShared } from "../operator-cache";

// `npm run flags:set -- <name> on|off [--description "…"] [--environment production]`: switches a
// feature flag through ConfigService.setFlag, so the config cache of every instance is
// invalidated in the shared store (an UPDATE in SQL would leave it cached for 24 h).

const USAGE =
  'usage: npm run flags:set -- <name> on|off [--description "…"] [--environment production|preview|development]';

export interface SetFlagCommand {
  key: string;
  enabled: boolean;
  description?: string;
  /** Whose cache keys to invalidate (they carry the deployment's environment). */
  environment?: string;
}

export function parseSetFlagArgs(argv: string[]): SetFlagCommand {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { description: { type: "string" }, environment: { type: "string" } },
  });
  const [key, state, ...rest] = positionals;
  if (!key || !state || rest.length > 0 || !["on", "off"].includes(state)) throw new Error(USAGE);
  return { key, enabled: state === "on", description: values.description, environment: values.environment };
}

export function setFlag(
  db: Database,
  cache: Cache,
  { key, enabled, description }: SetFlagCommand,
): Promise<FeatureFlag> {
  // The audit trail names the command line: who ran it is known to the machine, not the database.
  return createServices(db, cache).config.setFlag({ key, enabled, description }, { source: "command_line" });
}

async function main(): Promise<void> {
  nextEnv.loadEnvConfig(process.cwd());
  const command = parseSetFlagArgs(process.argv.slice(2));
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (run `npm run flags:set`, which provides the embedded database)");
  const config = deploymentEnv(command);
  const cache = operatorCache(config);
  const db = createDatabase({ url, poolMax: 1 });
  try {
    const flag = await setFlag(db, cache, command);
    logger.info({ ...flag, cache: cache.store.kind, namespace: cacheNamespace(config) }, "flag set");
    warnIfNotShared(cache, "config (up to 24 h)");
    if (cache.invalidationFailures > 0) process.exitCode = 1;
  } finally {
    await db.$disconnect();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error: unknown) => {
    logger.fatal({ err: error }, "flags:set failed");
    process.exitCode = 1;
  });
}
