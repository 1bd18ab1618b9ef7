import type { AppCache } from "./cache-policy";

/**
 * The app without its cache: every read runs its fetcher, nothing is stored or shared.
 * Selected by CACHE_DISABLED=true (the benchmark's uncached figure, or to rule the cache out
 * while debugging); also what benchmarks use to measure the database alone.
 */
export const noCache: AppCache = {
  getCached: <T>(_key: string, fetcher: () => Promise<T>) => fetcher(),
  invalidate: async () => {},
};
