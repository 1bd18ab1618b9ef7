import { Redis } from "ioredis";

/** Deletes the keys a run wrote (its own prefix only: the Redis may be shared). */
export async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<number> {
  if (!/^scale-bench-[\w-]+$/.test(prefix)) throw new Error(`refusing to delete keys under ${prefix}`);
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1_000 });
  redis.on("error", () => {}); // an unreachable Redis holds none of our keys
  let deleted = 0;
  try {
    await redis.connect();
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== "0");
  } catch {
    // not reachable: nothing was written
  } finally {
    redis.disconnect();
  }
  return deleted;
}
