import { describe, expect, it, vi } from "vitest";
import { CacheStats, keyFamily } from "./cache-stats";
import { Cache, createMemoryStore, type CacheStore } from "./redis";

function cacheOn(store: CacheStore, timeoutMs = 5_000) {
  return new Cache({ store, namespace: "stats", timeoutMs, logger: { warn: vi.fn(), error: vi.fn() } });
}

describe("keyFamily", () => {
  it.each([
    ["posts:feed:p1:s20", "posts:feed"],
    ["posts:feed:count", "posts:feed"],
    ["posts:search:postgres%20index:p2:s20", "posts:search"],
    ["posts:author:12:p1:s20", "posts:author"],
    ["comments:post:5:count", "comments:post"],
    ["users:12:profile", "users"],
    ["config:app", "config"],
    ["plain", "plain"],
  ])("%s belongs to %s", (key, family) => {
    expect(keyFamily(key)).toBe(family);
  });
});

describe("the cache's statistics", () => {
  it("count hits and misses per family, with the hit ratio, busiest family first", async () => {
    const cache = cacheOn(createMemoryStore());
    const load = async () => "value";
    await cache.getCached("posts:feed:p1:s20", load); // miss
    await cache.getCached("posts:feed:p1:s20", load); // hit
    await cache.getCached("posts:feed:p1:s20", load); // hit
    await cache.getCached("users:1:profile", load); // miss
    await cache.invalidate("nothing-tagged");
    await cache.getCached("users:1:profile", load, { tags: ["user:1"] }); // a new entry shape: miss
    const stats = cache.statistics();
    expect(stats.store).toBe("memory");
    expect(stats.families).toEqual([
      { family: "posts:feed", hits: 2, misses: 1, errors: 0, timeouts: 0, reads: 3, hitRatio: 2 / 3 },
      { family: "users", hits: 0, misses: 2, errors: 0, timeouts: 0, reads: 2, hitRatio: 0 },
    ]);
    expect(stats.total).toMatchObject({ family: "all", hits: 2, misses: 3, reads: 5, hitRatio: 0.4 });
  });

  it("count a read after its tag was invalidated as a miss", async () => {
    const cache = cacheOn(createMemoryStore());
    const load = async () => "value";
    await cache.getCached("config:app", load, { tags: ["config"] });
    await cache.invalidate("config");
    await cache.getCached("config:app", load, { tags: ["config"] });
    expect(cache.statistics().families).toEqual([expect.objectContaining({ family: "config", hits: 0, misses: 2 })]);
  });

  it("tell a store that fails from one that does not answer in time", async () => {
    // Stores across the network, whose reads are all awaited.
    const { set, setMany, ping } = createMemoryStore();
    const remote = { kind: "upstash" as const, set, setMany, ping };
    const failing = cacheOn({ ...remote, mget: async () => Promise.reject(new Error("ECONNRESET")) });
    await failing.getCached("posts:feed:p1:s20", async () => "from the database");
    const silent = cacheOn({ ...remote, mget: () => new Promise<never>(() => {}) }, 20);
    await silent.getCached("posts:feed:p1:s20", async () => "from the database");
    expect(failing.statistics().total).toMatchObject({ errors: 1, timeouts: 0, reads: 1, hitRatio: 0 });
    expect(silent.statistics().total).toMatchObject({ errors: 0, timeouts: 1, reads: 1, hitRatio: 0 });
  });

  it("start empty, with no ratio before the first read", () => {
    const stats = new CacheStats().snapshot("upstash");
    expect(stats).toMatchObject({ store: "upstash", families: [], total: { reads: 0, hitRatio: null } });
    expect(stats.since).toBeInstanceOf(Date);
  });

  it("keep a bounded table whatever keys are read", () => {
    const stats = new CacheStats();
    for (let i = 0; i < 150; i++) stats.record(`family${i}:x:y`, "miss");
    const { families, total } = stats.snapshot("memory");
    expect(families).toHaveLength(101);
    expect(families.find((f) => f.family === "(other)")).toMatchObject({ misses: 50 });
    expect(total.misses).toBe(150);
  });
});
