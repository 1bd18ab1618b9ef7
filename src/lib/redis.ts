import { randomUUID } from "node:crypto";
import superjson from "superjson";
import { createCacheStore, type CacheStore } from "./cache-store";
import { env } from "./env";
import { logger, type Logger } from "./logger";
import { recordTiming } from "./monitoring/request-context";

export { createCacheStore, createMemoryStore, createUpstashStore, type CacheStore } from "./cache-store";

/**
 * Bump when the shape of a cached value changes: a deploy then reads none of the entries
 * written by the previous one (they expire on their own).
 */
export const CACHE_VERSION = 1;

/** The longest an entry may live. */
export const MAX_TTL_SECONDS = 86_400;
// A tag's version outlives every entry written before it was set, so an entry can never
// see the tag expire and match the initial version again.
const TAG_TTL_SECONDS = 2 * MAX_TTL_SECONDS;
// The version of a tag never invalidated (or whose last invalidation is older than any entry).
const INITIAL_TAG_VERSION = "0";

export interface CacheOptions {
  /** Seconds; the article's default is 5 minutes. */
  ttl?: number;
  /** Names of what this entry depends on; `invalidate(tag)` makes every entry with it stale. */
  tags?: readonly string[];
}

export interface CacheSettings {
  store: CacheStore;
  /** Prefix of every key, so several apps or environments can share one store. */
  namespace?: string;
  /** Longest wait for the store before serving from the fetcher. */
  timeoutMs?: number;
  logger?: Pick<Logger, "warn">;
}

/** What is stored: the value, and the version of each tag it was read under. */
interface Entry<T> {
  tags: string[];
  value: T;
}

export interface CachePing {
  store: CacheStore["kind"] | "disabled";
  ok: boolean;
  /** How long the store took to answer (or to fail). */
  latencyMs: number;
}

/**
 * Read-through cache with the article's `getCached(key, fetcher, ttl)`, plus what the article's
 * sketch leaves out: a cached null/0/false/"" is a hit, values keep their types, concurrent
 * misses share one fetch, keys are namespaced and versioned, and a slow or failing store is
 * logged and bypassed, never an error for the caller.
 */
export class Cache {
  readonly store: CacheStore;
  private readonly prefix: string;
  private readonly timeoutMs: number;
  private readonly log: Pick<Logger, "warn">;
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor({ store, namespace = "scale-starter", timeoutMs = 150, logger: log = logger }: CacheSettings) {
    this.store = store;
    this.prefix = `${namespace}:v${CACHE_VERSION}:`;
    this.timeoutMs = timeoutMs;
    this.log = log;
  }

  /** The value under `key`, or the fetcher's (then cached). Errors of the fetcher are never cached. */
  getCached<T>(key: string, fetcher: () => Promise<T>, ttlOrOptions: number | CacheOptions = 300): Promise<T> {
    const { ttl = 300, tags = [] } = typeof ttlOrOptions === "number" ? { ttl: ttlOrOptions } : ttlOrOptions;
    if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_TTL_SECONDS) {
      throw new RangeError(`cache TTL must be a whole number of seconds from 1 to ${MAX_TTL_SECONDS}, got ${ttl}`);
    }
    const fullKey = this.prefix + key;
    const pending = this.inFlight.get(fullKey);
    if (pending) return pending as Promise<T>;
    const load = this.load(
      fullKey,
      fetcher,
      ttl,
      tags.map((tag) => this.tagKey(tag)),
    ).finally(() => this.inFlight.delete(fullKey));
    this.inFlight.set(fullKey, load);
    return load;
  }

  /**
   * Makes every entry tagged with one of `tags` stale, in one write: each tag gets a new
   * version, and entries remember the versions they were read under. No key scan.
   */
  async invalidate(...tags: string[]): Promise<void> {
    if (tags.length === 0) return;
    try {
      await this.withTimeout(
        this.store.setMany(
          tags.map((tag) => [this.tagKey(tag), randomUUID()]),
          TAG_TTL_SECONDS,
        ),
      );
    } catch (error) {
      // The write itself succeeded; readers may see the old entries until their TTL ends.
      this.log.warn({ err: error, tags }, "cache invalidation failed; entries stay until their TTL");
    }
  }

  /** For health checks: never throws, bounded by the timeout like every store call. */
  async ping(): Promise<CachePing> {
    const started = performance.now();
    const latencyMs = () => Math.round(performance.now() - started);
    try {
      await this.withTimeout(this.store.ping());
      return { store: this.store.kind, ok: true, latencyMs: latencyMs() };
    } catch (error) {
      this.log.warn({ err: error }, "cache ping failed");
      return { store: this.store.kind, ok: false, latencyMs: latencyMs() };
    }
  }

  private tagKey(tag: string): string {
    return `${this.prefix}tag:${tag}`;
  }

  private async load<T>(fullKey: string, fetcher: () => Promise<T>, ttl: number, tagKeys: string[]): Promise<T> {
    let tagVersions: string[] | undefined;
    try {
      const [raw, ...versions] = await this.withTimeout(this.store.mget([fullKey, ...tagKeys]));
      tagVersions = versions.map((version) => version ?? INITIAL_TAG_VERSION);
      const entry = raw === null || raw === undefined ? undefined : decode<T>(raw);
      if (entry && sameVersions(entry.tags, tagVersions)) return entry.value;
    } catch (error) {
      this.log.warn({ err: error, key: fullKey }, "cache read failed; serving from the source");
    }
    const value = await fetcher();
    // Stored with the tag versions seen before the fetch: if a write invalidates a tag
    // meanwhile, the entry is stale on arrival and the next read fetches again.
    if (tagVersions) await this.save(fullKey, { tags: tagVersions, value }, ttl);
    return value;
  }

  private async save<T>(fullKey: string, entry: Entry<T>, ttl: number): Promise<void> {
    try {
      await this.withTimeout(this.store.set(fullKey, superjson.stringify(entry), ttl));
    } catch (error) {
      this.log.warn({ err: error, key: fullKey }, "cache write failed");
    }
  }

  // Every store call goes through here, so this is also where a request's Server-Timing
  // learns how long the cache took.
  private withTimeout<T>(operation: Promise<T>): Promise<T> {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`cache store did not answer within ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
    });
    return Promise.race([operation, timeout]).finally(() => {
      clearTimeout(timer);
      recordTiming("cache", performance.now() - started);
    });
  }
}

function decode<T>(raw: string): Entry<T> | undefined {
  try {
    const entry = superjson.parse<Entry<T>>(raw);
    return entry && Array.isArray(entry.tags) && "value" in entry ? entry : undefined;
  } catch {
    return undefined; // not ours or corrupt: a miss, overwritten by the next save
  }
}

function sameVersions(stored: string[], current: string[]): boolean {
  return stored.length === current.length && stored.every((version, i) => version === current[i]);
}

/** A cache for this environment: Upstash when configured, else in process. */
export function createCache(config = env): Cache {
  const store = createCacheStore(config);
  if (store.kind === "memory" && config.NODE_ENV === "production") {
    logger.warn("no Upstash variables: the cache is per instance and invalidations do not reach other instances");
  }
  return new Cache({ store, namespace: config.CACHE_NAMESPACE, timeoutMs: config.CACHE_TIMEOUT_MS });
}

// One per process, on globalThis: Next bundles each route apart, and an in-process store must be
// the same for all of them, or a write through one route would not invalidate another's entries.
const globalForCache = globalThis as unknown as { __cache?: Cache };

/** Makes `cache` the one getCached and the services use (tests and scripts that manage their own). */
export function setCache(cache: Cache | undefined): void {
  globalForCache.__cache = cache;
}

export function getCache(): Cache {
  globalForCache.__cache ??= createCache();
  return globalForCache.__cache;
}

/** The article's helper (A3.2), on this process's cache. */
export function getCached<T>(key: string, fetcher: () => Promise<T>, ttl = 300): Promise<T> {
  return getCache().getCached(key, fetcher, ttl);
}
