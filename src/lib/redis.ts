import { randomUUID } from "node:crypto";
import * as Sentry from "@sentry/nextjs";
import { LRUCache } from "lru-cache";
import superjson from "superjson";
import { createCacheStore, type CacheStore } from "./cache-store";
import { CacheStats, type CacheStatistics } from "./cache-stats";
import { env, type Env } from "./env";
import { logger, type Logger } from "./logger";
import { recordTiming } from "./monitoring/request-context";
import { processSingleton } from "./process-singleton";
import { TimeoutError, withTimeout } from "./timeout";

export { createCacheStore, createMemoryStore, createUpstashStore, type CacheStore } from "./cache-store";

/**
 * Bump when the shape of a cached value changes: a deploy then reads none of the entries
 * written by the previous one (they expire on their own).
 */
export const CACHE_VERSION = 1;

/** The longest an entry may live. */
const MAX_TTL_SECONDS = 86_400;
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
  logger?: Pick<Logger, "warn" | "error">;
  /** Told of an invalidation that failed twice (Sentry by default): stale data then stays until its TTL. */
  onInvalidationFailure?: (error: unknown, tags: readonly string[]) => void;
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
  private readonly log: Pick<Logger, "warn" | "error">;
  private readonly onInvalidationFailure: (error: unknown, tags: readonly string[]) => void;
  // Loads being fetched, by key and the tag versions they were read under: a read that sees
  // newer versions (a write finished since that load began) starts its own fetch.
  private readonly inFlight = new Map<string, Flight>();
  // The last entry decoded under each key, with the text it came from: a hit whose text is the
  // same is served without parsing it again. Values are frozen, since every reader shares them.
  private readonly decoded = new LRUCache<string, { raw: string; entry: Entry<unknown> }>({ max: 2_000 });
  /** Invalidations that failed even after the retry, since this process started. */
  invalidationFailures = 0;
  // Every read's outcome by key family, for the admin console (figures of this instance only).
  private readonly stats = new CacheStats();

  constructor({
    store,
    namespace = "scale-starter",
    timeoutMs = 150,
    logger: log = logger,
    onInvalidationFailure = reportInvalidationFailure,
  }: CacheSettings) {
    this.store = store;
    this.prefix = `${namespace}:v${CACHE_VERSION}:`;
    this.timeoutMs = timeoutMs;
    this.log = log;
    this.onInvalidationFailure = onInvalidationFailure;
  }

  /** The value under `key`, or the fetcher's (then cached). Errors of the fetcher are never cached. */
  getCached<T>(key: string, fetcher: () => Promise<T>, ttlOrOptions: number | CacheOptions = 300): Promise<T> {
    const { ttl = 300, tags = [] } = typeof ttlOrOptions === "number" ? { ttl: ttlOrOptions } : ttlOrOptions;
    if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_TTL_SECONDS) {
      throw new RangeError(`cache TTL must be a whole number of seconds from 1 to ${MAX_TTL_SECONDS}, got ${ttl}`);
    }
    return this.read(
      key,
      fetcher,
      ttl,
      tags.map((tag) => this.tagKey(tag)),
    );
  }

  /**
   * Makes every entry tagged with one of `tags` stale, in one write: each tag gets a new
   * version, and entries remember the versions they were read under. No key scan.
   */
  async invalidate(...tags: string[]): Promise<void> {
    if (tags.length === 0) return;
    const tagKeys = tags.map((tag) => this.tagKey(tag));
    // Loads begun before this write must not serve readers that start after it, even when
    // the store is down and versions cannot tell them apart.
    for (const [flightKey, flight] of this.inFlight) {
      if (flight.tagKeys.some((tagKey) => tagKeys.includes(tagKey))) this.inFlight.delete(flightKey);
    }
    const write = () =>
      this.timed(
        this.store.setMany(
          tagKeys.map((tagKey) => [tagKey, randomUUID()]),
          TAG_TTL_SECONDS,
        ),
      );
    try {
      await write().catch(write); // one retry: a blip must not leave lists stale for hours
    } catch (error) {
      // The write itself succeeded; readers may see the old entries until their TTL ends,
      // which is an incident: logged at error level and reported so an alert fires.
      this.invalidationFailures += 1;
      this.log.error(
        { err: error, tags, invalidationFailures: this.invalidationFailures },
        "cache invalidation failed; stale entries stay until their TTL",
      );
      this.onInvalidationFailure(error, tags);
    }
  }

  /** For health checks: never throws, bounded by the timeout like every store call. */
  async ping(): Promise<CachePing> {
    const started = performance.now();
    const latencyMs = () => Math.round(performance.now() - started);
    try {
      await this.timed(this.store.ping());
      return { store: this.store.kind, ok: true, latencyMs: latencyMs() };
    } catch (error) {
      this.log.warn({ err: error }, "cache ping failed");
      return { store: this.store.kind, ok: false, latencyMs: latencyMs() };
    }
  }

  /** Hits, misses, errors and timeouts per key family since this instance started. */
  statistics(): CacheStatistics {
    return this.stats.snapshot(this.store.kind);
  }

  private tagKey(tag: string): string {
    return `${this.prefix}tag:${tag}`;
  }

  private read<T>(key: string, fetcher: () => Promise<T>, ttl: number, tagKeys: string[]): Promise<T> {
    const fullKey = this.prefix + key;
    const keys = [fullKey, ...tagKeys];
    // In process, the lookup answers at once: a hit is served without awaiting anything. Should
    // it throw, the read goes the usual way, where a failing store is logged and bypassed.
    if (this.store.mgetNow) {
      try {
        const started = performance.now();
        const values = this.store.mgetNow(keys);
        recordTiming("cache", performance.now() - started);
        const found = this.lookup<T>(key, fullKey, values);
        if (found.hit) return Promise.resolve(found.value);
        return this.fetchOnce(fullKey, fetcher, ttl, tagKeys, found.tagVersions);
      } catch {
        // Read again below, which records the failure.
      }
    }
    return this.readFromStore(key, fullKey, keys, fetcher, ttl, tagKeys);
  }

  private async readFromStore<T>(
    key: string,
    fullKey: string,
    keys: string[],
    fetcher: () => Promise<T>,
    ttl: number,
    tagKeys: string[],
  ): Promise<T> {
    let tagVersions: string[] | undefined;
    try {
      const found = this.lookup<T>(key, fullKey, await this.timed(this.store.mget(keys)));
      if (found.hit) return found.value;
      tagVersions = found.tagVersions;
    } catch (error) {
      this.stats.record(key, error instanceof TimeoutError ? "timeout" : "error");
      this.log.warn({ err: error, key: fullKey }, "cache read failed; serving from the source");
    }
    return this.fetchOnce(fullKey, fetcher, ttl, tagKeys, tagVersions);
  }

  // What the store answered for an entry and its tags, in that order: the entry's value when its
  // tags are at the versions it was read under, else the versions to store a fresh value under.
  private lookup<T>(
    key: string,
    fullKey: string,
    values: (string | null)[],
  ): { hit: true; value: T } | { hit: false; tagVersions: string[] } {
    const raw = values[0];
    const entry = raw === null || raw === undefined ? undefined : this.decodeOnce<T>(fullKey, raw);
    const hit = entry !== undefined && storedUnder(entry.tags, values);
    this.stats.record(key, hit ? "hit" : "miss");
    return hit ? { hit, value: entry.value } : { hit, tagVersions: values.slice(1).map(tagVersion) };
  }

  // Concurrent misses of the same key under the same tag versions share one fetch.
  private async fetchOnce<T>(
    fullKey: string,
    fetcher: () => Promise<T>,
    ttl: number,
    tagKeys: string[],
    tagVersions: string[] | undefined,
  ): Promise<T> {
    const flightKey = `${fullKey}\n${tagVersions?.join(",") ?? "?"}`;
    const pending = this.inFlight.get(flightKey);
    if (pending) return pending.value as Promise<T>;
    const flight: Flight = { tagKeys, value: this.fetchAndSave(fullKey, fetcher, ttl, tagVersions) };
    this.inFlight.set(flightKey, flight);
    try {
      return (await flight.value) as T;
    } finally {
      if (this.inFlight.get(flightKey) === flight) this.inFlight.delete(flightKey);
    }
  }

  private decodeOnce<T>(fullKey: string, raw: string): Entry<T> | undefined {
    const last = this.decoded.get(fullKey);
    if (last?.raw === raw) return last.entry as Entry<T>;
    const entry = decode<T>(raw);
    if (entry) this.decoded.set(fullKey, { raw, entry: deepFreeze(entry) });
    return entry;
  }

  private async fetchAndSave<T>(fullKey: string, fetcher: () => Promise<T>, ttl: number, tagVersions?: string[]) {
    const value = await fetcher();
    // Stored with the tag versions seen before the fetch: if a write invalidates a tag
    // meanwhile, the entry is stale on arrival and the next read fetches again.
    if (tagVersions) await this.save(fullKey, { tags: tagVersions, value }, ttl);
    return value;
  }

  private async save<T>(fullKey: string, entry: Entry<T>, ttl: number): Promise<void> {
    try {
      await this.timed(this.store.set(fullKey, superjson.stringify(entry), ttl));
    } catch (error) {
      this.log.warn({ err: error, key: fullKey }, "cache write failed");
    }
  }

  // Every awaited store call goes through here, so this is also where a request's
  // Server-Timing learns how long the cache took (a read the in-process store answers at once
  // records its own timing in `read`). Only a store across the network can keep a request
  // waiting: the in-process one answers at once, and a timer per call would cost a request
  // more than the read itself.
  private timed<T>(operation: Promise<T>): Promise<T> {
    const started = performance.now();
    const bounded = this.store.kind === "memory" ? operation : withTimeout(operation, this.timeoutMs, "cache store");
    return bounded.finally(() => {
      recordTiming("cache", performance.now() - started);
    });
  }
}

interface Flight {
  tagKeys: string[];
  value: Promise<unknown>;
}

function reportInvalidationFailure(error: unknown, tags: readonly string[]): void {
  Sentry.withScope((scope) => {
    scope.setTags({ cache_invalidation: "failed" });
    scope.setContext("cache", { tags });
    // One issue for every failed invalidation, so its alert counts them (docs/monitoring.md).
    scope.setFingerprint(["cache-invalidation-failed"]);
    Sentry.captureException(error);
  });
}

function decode<T>(raw: string): Entry<T> | undefined {
  try {
    const entry = superjson.parse<Entry<T>>(raw);
    return entry && Array.isArray(entry.tags) && "value" in entry ? entry : undefined;
  } catch {
    return undefined; // not ours or corrupt: a miss, overwritten by the next save
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

const tagVersion = (stored: string | null | undefined) => stored ?? INITIAL_TAG_VERSION;

// Whether an entry's tag versions are those the store holds now (after the entry's own value).
function storedUnder(entryVersions: string[], values: (string | null)[]): boolean {
  if (entryVersions.length !== values.length - 1) return false;
  for (let i = 0; i < entryVersions.length; i++) if (entryVersions[i] !== tagVersion(values[i + 1])) return false;
  return true;
}

type DeploymentEnv = Pick<Env, "CACHE_NAMESPACE" | "VERCEL_ENV" | "NODE_ENV">;

/**
 * The namespace of this deployment's keys: always ends with its environment (Vercel's
 * production/preview/development, else NODE_ENV), so a preview sharing production's store
 * (the same Upstash integration) never reads or writes production's keys.
 */
export function cacheNamespace(config: DeploymentEnv): string {
  const environment = config.VERCEL_ENV ?? config.NODE_ENV;
  return `${config.CACHE_NAMESPACE}:${environment.replace(/[^\w.-]/g, "_")}`;
}

/** A cache for this environment: Upstash when configured, else in process. */
export function createCache(config = env, store = createCacheStore(config)): Cache {
  if (store.kind === "memory" && config.NODE_ENV === "production") {
    logger.warn("no Upstash variables: the cache is per instance and invalidations do not reach other instances");
  }
  return new Cache({ store, namespace: cacheNamespace(config), timeoutMs: config.CACHE_TIMEOUT_MS });
}

// One per process: an in-process store must be the same for every route bundle, or a write
// through one route would not invalidate another's entries.
const processCache = processSingleton("cache", () => createCache());

/** Makes `cache` the one getCached and the services use (tests and scripts that manage their own). */
export function setCache(cache: Cache | undefined): void {
  processCache.set(cache);
}

export function getCache(): Cache {
  return processCache.get();
}

/** The article's helper (A3.2), on this process's cache. */
export function getCached<T>(key: string, fetcher: () => Promise<T>, ttl = 300): Promise<T> {
  return getCache().getCached(key, fetcher, ttl);
}
