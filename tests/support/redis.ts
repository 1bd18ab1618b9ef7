import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll } from "vitest";
import { Cache, createUpstashStore } from "@/lib/redis";
import { startUpstashRedisProxy, type UpstashRedisProxy } from "../../scripts/upstash-redis-proxy";

export const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/**
 * Whether the Redis-backed tests can run. Without Redis they are skipped with the reason in
 * their name; with REQUIRE_REDIS=1 (CI) a missing Redis fails the run instead.
 */
export async function checkRedis(): Promise<{ available: boolean; skipReason: string }> {
  const client = new Redis(REDIS_URL, { lazyConnect: true, retryStrategy: () => null, connectTimeout: 2_000 });
  client.on("error", () => {}); // the failed connect below reports it
  try {
    await client.connect();
    await client.ping();
    return { available: true, skipReason: "" };
  } catch (error) {
    if (process.env.REQUIRE_REDIS === "1") {
      throw new Error(`REQUIRE_REDIS=1 but Redis at ${REDIS_URL} is unreachable: ${String(error)}`);
    }
    const skipReason = `(skipped: no Redis at ${REDIS_URL}; set REDIS_URL or start redis-server)`;
    process.stderr.write(`Redis-backed tests ${skipReason}\n`);
    return { available: false, skipReason };
  } finally {
    client.disconnect();
  }
}

/** Deletes this test's keys only: the Redis is shared, so never a FLUSH. */
export async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== "0");
}

export interface UpstashTestCache {
  cache: Cache;
  proxy: UpstashRedisProxy;
  namespace: string;
  /** A plain client to look at what the cache wrote. */
  redis: Redis;
  /** Another app instance's cache: its own client, the same store and namespace. */
  newInstance(): Cache;
}

/**
 * The production client (@upstash/redis) through the REST translator to the real Redis,
 * under a namespace of its own that is deleted afterwards (never a FLUSH on a shared Redis).
 */
export function setupUpstashCache(): UpstashTestCache {
  const handle = { namespace: `test-${randomBytes(6).toString("hex")}` } as UpstashTestCache;

  beforeAll(async () => {
    const token = randomBytes(16).toString("hex");
    handle.proxy = await startUpstashRedisProxy({ token, redisUrl: REDIS_URL });
    handle.redis = new Redis(REDIS_URL);
    // A long timeout: on a busy machine a slow answer must not turn a hit into a miss.
    handle.newInstance = () =>
      new Cache({
        store: createUpstashStore({ url: handle.proxy.url, token, timeoutMs: 5_000 }),
        namespace: handle.namespace,
        timeoutMs: 5_000,
      });
    handle.cache = handle.newInstance();
  });

  afterAll(async () => {
    await deleteKeys(handle.redis, `${handle.namespace}:*`);
    handle.redis.disconnect();
    await handle.proxy.close();
  });

  return handle;
}
