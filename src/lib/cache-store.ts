import { Redis } from "@upstash/redis";
import { LRUCache } from "lru-cache";
import { upstashCredentials, type Env } from "./env";

/**
 * Where getCached keeps its entries: the few operations it needs, so the same cache logic runs
 * on Upstash in production and in process locally. Values are strings; `null` means absent.
 */
export interface CacheStore {
  readonly kind: "memory" | "upstash";
  /** The values of several keys in one round trip. */
  mget(keys: string[]): Promise<(string | null)[]>;
  /**
   * The same, answered at once: only a store in this process has it. A cache hit then costs a
   * request no promise of the store's (src/lib/redis.ts).
   */
  mgetNow?(keys: string[]): (string | null)[];
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  /** Writes several keys with one TTL in one round trip. */
  setMany(entries: [key: string, value: string][], ttlSeconds: number): Promise<void>;
  /** Resolves when the store answers (for health checks), rejects otherwise. */
  ping(): Promise<void>;
}

export interface MemoryStoreOptions {
  /** Upper bound on what the entries weigh (key and value lengths, in characters). */
  maxSize?: number;
}

/** One process's LRU: for local use and single-instance deployments (nothing is shared). */
export function createMemoryStore({ maxSize = 50_000_000 }: MemoryStoreOptions = {}): CacheStore {
  const lru = new LRUCache<string, string>({
    maxSize,
    sizeCalculation: (value, key) => value.length + key.length,
    // Reads the clock at each lookup instead of keeping it for a millisecond behind a timer:
    // under load, the timer set every millisecond cost more than the clock reads it saved.
    ttlResolution: 0,
  });
  const mgetNow = (keys: string[]) => keys.map((key) => lru.get(key) ?? null);
  return {
    kind: "memory",
    mgetNow,
    async mget(keys) {
      return mgetNow(keys);
    },
    async set(key, value, ttlSeconds) {
      lru.set(key, value, { ttl: ttlSeconds * 1000 });
    },
    async setMany(entries, ttlSeconds) {
      for (const [key, value] of entries) lru.set(key, value, { ttl: ttlSeconds * 1000 });
    },
    async ping() {},
  };
}

export interface UpstashStoreOptions {
  url: string;
  token: string;
  /** Each request is aborted after this long (getCached also bounds the wait). */
  timeoutMs: number;
}

/**
 * The Upstash client of the app's store (the cache and the rate limits): one try per call,
 * each aborted after `timeoutMs`. Retrying a down store only delays the database read or the
 * request the limit guards.
 */
export function createUpstashClient({ url, token, timeoutMs }: UpstashStoreOptions): Redis {
  return new Redis({
    url,
    token,
    // getCached serialises itself (superjson keeps dates and undefined); raw strings in, raw strings out.
    automaticDeserialization: false,
    retry: { retries: 0 },
    signal: () => AbortSignal.timeout(timeoutMs),
    enableTelemetry: false,
  });
}

/** Upstash Redis over its REST API: shared by every serverless instance. */
export function createUpstashStore(options: UpstashStoreOptions): CacheStore {
  const redis = createUpstashClient(options);
  return {
    kind: "upstash",
    mget: (keys) => redis.mget<(string | null)[]>(...keys),
    async set(key, value, ttlSeconds) {
      await redis.set(key, value, { ex: ttlSeconds });
    },
    async setMany(entries, ttlSeconds) {
      if (entries.length === 0) return;
      const pipeline = redis.pipeline();
      for (const [key, value] of entries) pipeline.set(key, value, { ex: ttlSeconds });
      await pipeline.exec();
    },
    async ping() {
      await redis.ping();
    },
  };
}

/** Upstash when its variables are set, else the in-process LRU. */
export function createCacheStore(config: Env): CacheStore {
  const credentials = upstashCredentials(config);
  if (!credentials) return createMemoryStore();
  return createUpstashStore({ ...credentials, timeoutMs: config.CACHE_TIMEOUT_MS });
}
