import { randomBytes } from "node:crypto";
import { cacheTags } from "../../src/lib/cache-policy";
import { createDatabase } from "../../src/lib/prisma";
import { Cache, createMemoryStore, createUpstashStore, type CacheStore } from "../../src/lib/redis";
import { createServices, type ServicesCache } from "../../src/server/services";
import { startUpstashRedisProxy } from "../../scripts/upstash-redis-proxy";
import { check, measure, round, type RunPlan, type Timing } from "../lib/measure";
import { noCache } from "../../src/lib/no-cache";
import { redisVersion } from "../lib/machine";
import { deleteRedisKeys } from "../lib/redis-keys";

// A3.3: a profile and a feed page read through getCached, as a miss (the entry invalidated
// just before, untimed) and as a hit, on the in-process store and on Redis through the
// production client (@upstash/redis) and the local Upstash REST translator. Then the share of
// reads that reach PostgreSQL under a repeated-read workload with occasional writes.

interface CacheReadResult {
  miss: Timing;
  hit: Timing;
  missQueries: number;
  hitQueries: number;
  speedUp: number;
}

interface CacheStoreResult {
  store: string;
  profile: CacheReadResult;
  feed: CacheReadResult;
}

export interface CacheWorkloadResult {
  reads: number;
  writes: number;
  /** Reads that ran at least one query (misses). */
  readsReachingDatabase: number;
  readQueriesUncached: number;
  readQueriesCached: number;
  loadReductionPct: number;
}

export interface CacheResult {
  stores: CacheStoreResult[];
  workload: CacheWorkloadResult;
  /** Why the Redis store was left out, when it was. */
  redisSkipped?: string;
}

export interface CacheOptions {
  /** Prefix of every key this run writes (`scale-bench-…`), deleted at the end. */
  namespace: string;
  userId: number;
  redisUrl: string;
  /** Port of the Upstash REST translator; 0 picks a free one. */
  proxyPort: number;
  /** Reads in the workload; one write every 100 reads. */
  workloadReads: number;
}

// Generous, so that a busy machine never turns a hit into a miss (production uses 150 ms).
const STORE_TIMEOUT_MS = 5_000;

type Counted = { queries: number };
const WORKLOAD_TITLE = "Cache workload write";

async function measureStore(
  label: string,
  store: CacheStore,
  url: string,
  options: CacheOptions,
  plan: RunPlan,
): Promise<CacheStoreResult> {
  const counter: Counted = { queries: 0 };
  const db = createDatabase({ url, poolMax: 4, onQuery: () => counter.queries++ });
  const cache = new Cache({ store, namespace: options.namespace, timeoutMs: STORE_TIMEOUT_MS });
  const services = createServices(db, cache);
  try {
    const readProfile = () => services.users.getProfile({ id: options.userId });
    const readFeed = () => services.posts.getFeedPage({ page: 1, pageSize: 20 });
    const profile = await measureReads(label, readProfile, () => cache.invalidate(cacheTags.user(options.userId)));
    const feed = await measureReads(label, readFeed, () => cache.invalidate(cacheTags.postLists));
    return { store: label, profile, feed };
  } finally {
    await db.$disconnect();
  }

  async function measureReads(what: string, read: () => Promise<unknown>, evict: () => Promise<void>) {
    await evict();
    counter.queries = 0;
    const missed = await read();
    const missQueries = counter.queries;
    counter.queries = 0;
    const hit = await read();
    const hitQueries = counter.queries;
    check(missQueries > 0, `${what}: a miss should read the database`);
    check(hitQueries === 0, `${what}: a hit should not read the database (ran ${hitQueries} queries)`);
    check(JSON.stringify(hit) === JSON.stringify(missed), `${what}: a hit should return what the miss read`);
    const missTiming = await measure(read, plan, evict);
    const hitTiming = await measure(read, plan);
    return {
      miss: missTiming,
      hit: hitTiming,
      missQueries,
      hitQueries,
      speedUp: round(missTiming.medianMs / hitTiming.medianMs, 1),
    };
  }
}

/**
 * The same deterministic sequence of reads (profiles of 50 users, the first 5 feed pages) and
 * writes (a new post every 100 reads, which invalidates the lists and its author's profile),
 * without and with the cache; counts the queries the reads run.
 */
export async function runCacheWorkload(url: string, reads: number): Promise<CacheWorkloadResult> {
  const counter: Counted = { queries: 0 };
  const db = createDatabase({ url, poolMax: 4, onQuery: () => counter.queries++ });
  try {
    const run = async (cache: ServicesCache) => {
      const services = createServices(db, cache);
      let readQueries = 0;
      let reached = 0;
      let writes = 0;
      for (let i = 0; i < reads; i++) {
        if (i > 0 && i % 100 === 0) {
          writes++;
          await services.posts.importPost({ userId: 1 + (i % 50), title: `${WORKLOAD_TITLE} ${i}`, body: "A write." });
        }
        const before = counter.queries;
        if (i % 2 === 0) await services.users.getProfile({ id: 1 + ((i * 7) % 50) });
        else await services.posts.getFeedPage({ page: 1 + ((i * 3) % 5), pageSize: 20 });
        readQueries += counter.queries - before;
        if (counter.queries > before) reached++;
      }
      return { readQueries, reached, writes };
    };
    const uncached = await run(noCache);
    const cache = new Cache({
      store: createMemoryStore(),
      namespace: "scale-bench-workload",
      timeoutMs: STORE_TIMEOUT_MS,
    });
    const cached = await run(cache);
    // Leave the data as seeded for the scenarios that follow.
    await db.post.deleteMany({ where: { title: { startsWith: WORKLOAD_TITLE } } });
    check(uncached.reached === reads, "without a cache every read should reach the database");
    check(cached.reached < reads, "with the cache some reads should be served from it");
    return {
      reads,
      writes: cached.writes,
      readsReachingDatabase: cached.reached,
      readQueriesUncached: uncached.readQueries,
      readQueriesCached: cached.readQueries,
      loadReductionPct: round(100 * (1 - cached.readQueries / uncached.readQueries), 1),
    };
  } finally {
    await db.$disconnect();
  }
}

export async function runCache(url: string, options: CacheOptions, plan: RunPlan): Promise<CacheResult> {
  const stores = [await measureStore("in-process LRU", createMemoryStore(), url, options, plan)];
  const redisSkipped = await measureOnRedis(url, options, plan).then((result) => {
    if (typeof result === "string") return result;
    stores.push(result);
    return undefined;
  });
  return { stores, workload: await runCacheWorkload(url, options.workloadReads), redisSkipped };
}

/** The Redis figures, or why there are none (the translator is only started for a live Redis). */
async function measureOnRedis(url: string, options: CacheOptions, plan: RunPlan): Promise<CacheStoreResult | string> {
  if ((await redisVersion(options.redisUrl)) === "not reachable")
    return `Redis at ${options.redisUrl} is not reachable`;
  const token = randomBytes(16).toString("hex");
  const proxy = await startUpstashRedisProxy({
    redisUrl: options.redisUrl,
    token,
    host: "127.0.0.1",
    port: options.proxyPort,
  });
  try {
    const store = createUpstashStore({ url: proxy.url, token, timeoutMs: STORE_TIMEOUT_MS });
    return await measureStore("Redis via @upstash/redis", store, url, options, plan);
  } finally {
    await proxy.close();
    await deleteRedisKeys(options.redisUrl, options.namespace);
  }
}
