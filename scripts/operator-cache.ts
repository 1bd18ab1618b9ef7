import { parseEnv, type Env } from "../src/lib/env";
import { logger } from "../src/lib/logger";
import { createCache, type Cache } from "../src/lib/redis";

// The cache of a deployment, as an operator's command (flags:set, users:role) reaches it to
// invalidate what it changed: the deployment's store (Upstash variables, e.g. from
// `vercel env pull`) and its environment's namespace (cache keys carry VERCEL_ENV).

/** The variables of the deployment whose cache to reach: its store, its environment's namespace. */
export function deploymentEnv(
  command: { environment?: string },
  source: Record<string, string | undefined> = process.env,
): Env {
  return parseEnv(command.environment ? { ...source, VERCEL_ENV: command.environment } : source);
}

/** The deployment's cache; refuses a shared store without an environment, whose keys it would miss. */
export function operatorCache(config: Env): Cache {
  // CACHE_TIMEOUT_MS is a request's budget; an operator's command can wait for the store.
  const cache = createCache({ ...config, CACHE_TIMEOUT_MS: Math.max(config.CACHE_TIMEOUT_MS, 5_000) });
  if (cache.store.kind === "upstash" && !config.VERCEL_ENV) {
    throw new Error(
      "say whose cache to invalidate: --environment production (or preview), as the deployment's VERCEL_ENV",
    );
  }
  return cache;
}

/** Says when running servers cannot hear of the change: nothing is shared with them. */
export function warnIfNotShared(cache: Cache, what: string): void {
  if (cache.store.kind !== "memory") return;
  logger.warn(
    `no shared cache store configured here: running servers keep their cached ${what}. ` +
      "Set the deployment's UPSTASH_REDIS_REST_URL/TOKEN, or restart a local server.",
  );
}
