import { Cache, createMemoryStore, type CacheStore } from "@/lib/redis";

/**
 * A real cache on a fresh in-process store, for unit tests of services: reads go through
 * the same getCached logic as in production. The long timeout keeps a busy test machine
 * from turning a hit into a miss.
 */
export function createTestCache(store: CacheStore = createMemoryStore()): Cache {
  return new Cache({ store, namespace: "test", timeoutMs: 5_000 });
}
