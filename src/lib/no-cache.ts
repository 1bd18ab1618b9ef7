import type { AppCache } from "./cache-policy";
import { CacheStats } from "./cache-stats";
import { processSingleton } from "./process-singleton";
import type { Cache } from "./redis";

/**
 * The app without its cache: every read runs its fetcher, nothing is stored or shared.
 * Selected by CACHE_DISABLED=true (the benchmark's uncached figure, or to rule the cache out
 * while debugging); also what benchmarks use to measure the database alone.
 */
// One per process like the real cache, so that the services wired on it are too.
export const noCache = processSingleton<AppCache & Pick<Cache, "ping" | "statistics">>("noCache", () => ({
  getCached: <T>(_key: string, fetcher: () => Promise<T>) => fetcher(),
  invalidate: async () => {},
  // Nothing to reach, so nothing can be down: the health check reports the cache as fine.
  ping: async () => ({ store: "disabled", ok: true, latencyMs: 0 }),
  // Nothing is read from a store, so there is nothing to count.
  statistics: () => new CacheStats().snapshot("disabled"),
})).get();
