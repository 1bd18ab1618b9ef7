import type { AppCache } from "../../src/lib/cache-policy";

/** A cache that never stores: every read runs its fetcher, as the app did before A3. */
export const noCache: AppCache = {
  getCached: <T>(_key: string, fetcher: () => Promise<T>) => fetcher(),
  invalidate: async () => {},
};
