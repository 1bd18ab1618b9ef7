import { afterEach, describe, expect, it, vi } from "vitest";
import { parseEnv } from "./env";
import { logger } from "./logger";
import { createRequestContext, runInRequestContext } from "./monitoring/request-context";
import {
  CACHE_VERSION,
  Cache,
  cacheNamespace,
  createCache,
  createCacheStore,
  createMemoryStore,
  getCache,
  getCached,
  setCache,
  type CacheStore,
} from "./redis";

/** A memory store whose operations a test can watch, break or hold; `kind` says what it stands for. */
function watchedStore(kind: CacheStore["kind"] = "memory") {
  const inner = createMemoryStore();
  const store = {
    kind,
    mget: vi.fn(inner.mget),
    set: vi.fn(inner.set),
    setMany: vi.fn(inner.setMany),
    ping: vi.fn(inner.ping),
  } satisfies CacheStore;
  return store;
}

function cacheOn(store: CacheStore, timeoutMs = 5_000) {
  const log = { warn: vi.fn(), error: vi.fn() };
  const onInvalidationFailure = vi.fn();
  const cache = new Cache({ store, namespace: "unit", timeoutMs, logger: log, onInvalidationFailure });
  return { cache, log, onInvalidationFailure };
}

/** A fetcher that answers when the test says so. */
function heldFetcher(value: string) {
  let release!: () => void;
  const fetcher = vi.fn(() => new Promise<string>((resolve) => (release = () => resolve(value))));
  return { fetcher, release: () => release() };
}

const never = () => new Promise<never>(() => {});

describe("getCached", () => {
  it("calls the fetcher on a miss only, then serves the cached value", async () => {
    const { cache } = cacheOn(createMemoryStore());
    const fetcher = vi.fn(async () => ({ id: 1, name: "Ada" }));
    await expect(cache.getCached("user:1", fetcher)).resolves.toEqual({ id: 1, name: "Ada" });
    await expect(cache.getCached("user:1", fetcher)).resolves.toEqual({ id: 1, name: "Ada" });
    expect(fetcher).toHaveBeenCalledTimes(1);
  });

  it.each([null, 0, false, "", undefined])("treats a cached %j as a hit", async (value) => {
    const { cache } = cacheOn(createMemoryStore());
    const fetcher = vi.fn(async () => value);
    await cache.getCached("falsy", fetcher);
    await expect(cache.getCached("falsy", fetcher)).resolves.toBe(value);
    expect(fetcher).toHaveBeenCalledTimes(1);
  });

  it("keeps types through the store: dates stay dates", async () => {
    const { cache } = cacheOn(createMemoryStore());
    const value = { createdAt: new Date("2026-01-02T03:04:05.006Z"), tags: new Set(["a"]), big: 2n ** 70n };
    await cache.getCached("typed", async () => value);
    const hit = await cache.getCached("typed", async () => ({ createdAt: new Date(0), tags: new Set(), big: 0n }));
    expect(hit.createdAt).toBeInstanceOf(Date);
    expect(hit).toEqual(value);
  });

  it("decodes a stored entry once: hits of the same text share one frozen value", async () => {
    const store = watchedStore();
    const { cache } = cacheOn(store);
    const fetcher = vi.fn(async () => ({ items: [{ id: 1, at: new Date(0) }] }));
    await cache.getCached("page", fetcher);
    const first = await cache.getCached("page", fetcher);
    const second = await cache.getCached("page", fetcher);
    expect(second).toBe(first);
    expect(Object.isFrozen(first.items[0])).toBe(true);
    expect(() => first.items.push({ id: 2, at: new Date(0) })).toThrow(TypeError);
    // Another text under the key (another instance wrote it) is decoded afresh.
    const [key] = store.set.mock.calls[0]!;
    const [raw] = await store.mget([key]);
    await store.set(key, raw!.replace('"id":1', '"id":3'), 60);
    await expect(cache.getCached("page", fetcher)).resolves.toEqual({ items: [{ id: 3, at: new Date(0) }] });
    expect(fetcher).toHaveBeenCalledOnce();
  });

  it("runs the fetcher once for concurrent misses of one key", async () => {
    const { cache } = cacheOn(createMemoryStore());
    let release!: (value: string) => void;
    const fetcher = vi.fn(() => new Promise<string>((resolve) => (release = resolve)));
    const reads = Array.from({ length: 5 }, () => cache.getCached("slow", fetcher));
    await vi.waitFor(() => expect(fetcher).toHaveBeenCalled());
    release("done");
    await expect(Promise.all(reads)).resolves.toEqual(Array(5).fill("done"));
    expect(fetcher).toHaveBeenCalledTimes(1);
  });

  it("caches no error: every waiter gets it, and the next read fetches again", async () => {
    const { cache } = cacheOn(createMemoryStore());
    const fetcher = vi.fn().mockRejectedValueOnce(new Error("boom")).mockResolvedValue("fine");
    const reads = [cache.getCached("flaky", fetcher), cache.getCached("flaky", fetcher)];
    await expect(Promise.all(reads)).rejects.toThrow("boom");
    await expect(cache.getCached("flaky", fetcher)).resolves.toBe("fine");
    expect(fetcher).toHaveBeenCalledTimes(2);
  });

  it("stores under a namespaced, versioned key with the TTL given (300 s by default)", async () => {
    const store = watchedStore();
    const { cache } = cacheOn(store);
    await cache.getCached("feed:p1", async () => 1);
    await cache.getCached("profile:1", async () => 1, 3600);
    expect(store.set).toHaveBeenCalledWith(`unit:v${CACHE_VERSION}:feed:p1`, expect.any(String), 300);
    expect(store.set).toHaveBeenCalledWith(`unit:v${CACHE_VERSION}:profile:1`, expect.any(String), 3600);
  });

  it("never reads another namespace's entries", async () => {
    const store = createMemoryStore();
    await new Cache({ store, namespace: "preview" }).getCached("k", async () => "preview value");
    await expect(new Cache({ store, namespace: "production" }).getCached("k", async () => "own")).resolves.toBe("own");
  });

  it.each([0, -1, 1.5, 86_401])("refuses a TTL of %s seconds", async (ttl) => {
    const { cache } = cacheOn(createMemoryStore());
    expect(() => cache.getCached("k", async () => 1, ttl)).toThrow(RangeError);
  });

  it("treats an entry it cannot decode as a miss and replaces it", async () => {
    const store = createMemoryStore();
    await store.set(`unit:v${CACHE_VERSION}:k`, "not superjson", 60);
    const { cache } = cacheOn(store);
    await expect(cache.getCached("k", async () => "fresh")).resolves.toBe("fresh");
    await expect(cache.getCached("k", async () => "again")).resolves.toBe("fresh");
  });
});

describe("getCached when the store fails", () => {
  it("serves the fetcher's value and logs when the store errors", async () => {
    const store = watchedStore();
    store.mget.mockRejectedValue(new Error("ECONNREFUSED"));
    const { cache, log } = cacheOn(store);
    const fetcher = vi.fn(async () => "from the database");
    await expect(cache.getCached("k", fetcher)).resolves.toBe("from the database");
    await expect(cache.getCached("k", fetcher)).resolves.toBe("from the database");
    expect(fetcher).toHaveBeenCalledTimes(2);
    expect(store.set).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalledWith(expect.objectContaining({ err: expect.any(Error) }), expect.any(String));
  });

  it("gives up on a store that does not answer within the timeout", async () => {
    const store = watchedStore("upstash");
    store.mget.mockImplementation(never);
    const { cache, log } = cacheOn(store, 20);
    await expect(cache.getCached("k", async () => "from the database")).resolves.toBe("from the database");
    expect(log.warn).toHaveBeenCalledOnce();
    expect(String(log.warn.mock.calls[0]?.[0].err)).toContain("20 ms");
  });

  it("sets no timer around the in-process store, which cannot keep a request waiting", async () => {
    vi.useFakeTimers();
    try {
      const store = watchedStore();
      const { cache } = cacheOn(store, 20);
      const read = cache.getCached("k", async () => "value");
      expect(vi.getTimerCount()).toBe(0);
      await expect(read).resolves.toBe("value");
      expect(store.mget).toHaveBeenCalledOnce();
    } finally {
      vi.useRealTimers();
    }
  });

  it("reads an in-process store at once, and says so in the request's Server-Timing", async () => {
    const inner = createMemoryStore();
    const store = { ...inner, mget: vi.fn(inner.mget), mgetNow: vi.fn(inner.mgetNow!) } satisfies CacheStore;
    const { cache } = cacheOn(store);
    const fetcher = vi.fn(async () => "value");
    await cache.getCached("k", fetcher, { tags: ["t"] });
    const context = createRequestContext({});
    const hit = runInRequestContext(context, () => cache.getCached("k", fetcher, { tags: ["t"] }));
    // Counted before anything is awaited: the lookup is over when getCached returns.
    expect(context.timings.get("cache").count).toBe(1);
    await expect(hit).resolves.toBe("value");
    expect(fetcher).toHaveBeenCalledOnce();
    expect(store.mgetNow).toHaveBeenCalledTimes(2);
    expect(store.mget).not.toHaveBeenCalled();
    expect(cache.statistics().families).toEqual([expect.objectContaining({ hits: 1, misses: 1 })]);
  });

  it("goes the usual way when an in-process read throws: logged, and served from the source", async () => {
    const inner = createMemoryStore();
    const broken = vi.fn((_keys: string[]): (string | null)[] => {
      throw new Error("corrupt");
    });
    const store = {
      ...inner,
      mget: vi.fn(async (keys: string[]) => broken(keys)),
      mgetNow: broken,
    } satisfies CacheStore;
    const { cache, log } = cacheOn(store);
    await expect(cache.getCached("k", async () => "from the database")).resolves.toBe("from the database");
    expect(store.mget).toHaveBeenCalledOnce();
    expect(log.warn).toHaveBeenCalledWith(expect.objectContaining({ err: expect.any(Error) }), expect.any(String));
    expect(cache.statistics().families).toEqual([expect.objectContaining({ errors: 1 })]);
  });

  it("still answers when storing the value fails", async () => {
    const store = watchedStore();
    store.set.mockRejectedValue(new Error("READONLY"));
    const { cache, log } = cacheOn(store);
    await expect(cache.getCached("k", async () => "value")).resolves.toBe("value");
    expect(log.warn).toHaveBeenCalledWith(expect.anything(), "cache write failed");
  });

  it("retries a failed invalidation once, and then it is done", async () => {
    const store = watchedStore();
    store.setMany.mockRejectedValueOnce(new Error("blip"));
    const { cache, log, onInvalidationFailure } = cacheOn(store);
    const feed = vi.fn().mockResolvedValueOnce("old").mockResolvedValue("new");
    await cache.getCached("feed", feed, { tags: ["post-lists"] });
    await cache.invalidate("post-lists");
    expect(store.setMany).toHaveBeenCalledTimes(2);
    await expect(cache.getCached("feed", feed, { tags: ["post-lists"] })).resolves.toBe("new");
    expect(log.error).not.toHaveBeenCalled();
    expect(onInvalidationFailure).not.toHaveBeenCalled();
    expect(cache.invalidationFailures).toBe(0);
  });

  it("records an invalidation that fails twice (error log, counter, report) without failing the write", async () => {
    const store = watchedStore();
    store.setMany.mockRejectedValue(new Error("down"));
    const { cache, log, onInvalidationFailure } = cacheOn(store);
    await expect(cache.invalidate("post-lists")).resolves.toBeUndefined();
    expect(store.setMany).toHaveBeenCalledTimes(2);
    expect(log.error).toHaveBeenCalledWith(
      expect.objectContaining({ tags: ["post-lists"], invalidationFailures: 1 }),
      "cache invalidation failed; stale entries stay until their TTL",
    );
    expect(onInvalidationFailure).toHaveBeenCalledWith(expect.any(Error), ["post-lists"]);
    await cache.invalidate("config");
    expect(cache.invalidationFailures).toBe(2);
  });

  it("reports the store's health through ping", async () => {
    const healthy = cacheOn(createMemoryStore()).cache;
    await expect(healthy.ping()).resolves.toEqual({ store: "memory", ok: true, latencyMs: expect.any(Number) });
    const store = watchedStore();
    store.ping.mockRejectedValue(new Error("down"));
    await expect(cacheOn(store).cache.ping()).resolves.toMatchObject({ store: "memory", ok: false });
  });
});

describe("invalidation by tag", () => {
  it("makes every entry with the tag stale, and only those", async () => {
    const { cache } = cacheOn(createMemoryStore());
    const feed = vi.fn(async () => "feed");
    const profile = vi.fn(async () => "profile");
    const read = () =>
      Promise.all([
        cache.getCached("feed:p1", feed, { tags: ["post-lists"] }),
        cache.getCached("feed:p2", feed, { tags: ["post-lists"] }),
        cache.getCached("user:1", profile, { tags: ["user:1"] }),
      ]);
    await read();
    await read();
    expect(feed).toHaveBeenCalledTimes(2);
    await cache.invalidate("post-lists");
    await read();
    expect(feed).toHaveBeenCalledTimes(4);
    expect(profile).toHaveBeenCalledTimes(1);
  });

  it("does not keep a value read before a write that finished during the read", async () => {
    const { cache } = cacheOn(createMemoryStore());
    let release!: (value: string) => void;
    const slowRead = cache.getCached("feed", () => new Promise<string>((resolve) => (release = resolve)), {
      tags: ["post-lists"],
    });
    await vi.waitFor(() => expect(release).toBeDefined());
    await cache.invalidate("post-lists"); // the write lands while the old rows are in flight
    release("old rows");
    await expect(slowRead).resolves.toBe("old rows");
    await expect(cache.getCached("feed", async () => "new rows", { tags: ["post-lists"] })).resolves.toBe("new rows");
  });

  it("gives a read that starts after a write its own fetch, not a load begun before the write", async () => {
    const { cache } = cacheOn(createMemoryStore());
    const before = heldFetcher("old rows");
    const early = cache.getCached("feed", before.fetcher, { tags: ["post-lists"] });
    await vi.waitFor(() => expect(before.fetcher).toHaveBeenCalled());
    await cache.invalidate("post-lists"); // a write finished while the early load is in flight
    const after = vi.fn(async () => "new rows");
    const late = cache.getCached("feed", after, { tags: ["post-lists"] });
    before.release();
    await expect(early).resolves.toBe("old rows");
    await expect(late).resolves.toBe("new rows"); // read-your-writes
    expect(after).toHaveBeenCalledOnce();
  });

  it("does so for a write made through another instance sharing the store", async () => {
    const store = createMemoryStore();
    const reader = cacheOn(store).cache;
    const writer = cacheOn(store).cache;
    const before = heldFetcher("old rows");
    const early = reader.getCached("feed", before.fetcher, { tags: ["post-lists"] });
    await vi.waitFor(() => expect(before.fetcher).toHaveBeenCalled());
    await writer.invalidate("post-lists");
    const late = reader.getCached("feed", async () => "new rows", { tags: ["post-lists"] });
    before.release();
    await expect(Promise.all([early, late])).resolves.toEqual(["old rows", "new rows"]);
  });

  it("does so when the store is down and versions cannot tell the loads apart", async () => {
    const store = watchedStore();
    store.mget.mockRejectedValue(new Error("down"));
    store.setMany.mockRejectedValue(new Error("down"));
    const { cache } = cacheOn(store);
    const before = heldFetcher("old rows");
    const early = cache.getCached("feed", before.fetcher, { tags: ["post-lists"] });
    await vi.waitFor(() => expect(before.fetcher).toHaveBeenCalled());
    await cache.invalidate("post-lists");
    const late = cache.getCached("feed", async () => "new rows", { tags: ["post-lists"] });
    before.release();
    await expect(Promise.all([early, late])).resolves.toEqual(["old rows", "new rows"]);
  });

  it("still shares one load between reads that start before any write", async () => {
    const { cache } = cacheOn(createMemoryStore());
    const load = heldFetcher("rows");
    const reads = [1, 2, 3].map(() => cache.getCached("feed", load.fetcher, { tags: ["post-lists"] }));
    await vi.waitFor(() => expect(load.fetcher).toHaveBeenCalled());
    await cache.invalidate("user:1"); // another tag: the load stays shared
    const later = cache.getCached("feed", load.fetcher, { tags: ["post-lists"] });
    load.release();
    await expect(Promise.all([...reads, later])).resolves.toEqual(Array(4).fill("rows"));
    expect(load.fetcher).toHaveBeenCalledOnce();
  });

  it("writes one key per tag and never scans", async () => {
    const store = watchedStore();
    const { cache } = cacheOn(store);
    await cache.invalidate("post-lists", "user:7");
    expect(store.setMany).toHaveBeenCalledOnce();
    expect(store.setMany.mock.calls[0]?.[0].map(([key]) => key)).toEqual([
      `unit:v${CACHE_VERSION}:tag:post-lists`,
      `unit:v${CACHE_VERSION}:tag:user:7`,
    ]);
  });
});

describe("the process-wide cache", () => {
  afterEach(() => setCache(undefined));

  it("is what the article's getCached(key, fetcher, ttl) uses", async () => {
    const store = watchedStore();
    setCache(new Cache({ store }));
    const fetcher = vi.fn(async () => 42);
    await getCached("answer", fetcher);
    await expect(getCached("answer", fetcher)).resolves.toBe(42);
    expect(fetcher).toHaveBeenCalledOnce();
    expect(store.set).toHaveBeenCalledWith(expect.stringMatching(/:answer$/), expect.any(String), 300);
  });

  it("is in process when no Upstash variable is set", () => {
    expect(getCache().store.kind).toBe("memory");
  });

  it("is Upstash when its variables are set", () => {
    const config = parseEnv({ UPSTASH_REDIS_URL: "https://eu1.upstash.io", UPSTASH_REDIS_TOKEN: "t" });
    expect(createCacheStore(config).kind).toBe("upstash");
    expect(createCache(config).store.kind).toBe("upstash");
    expect(createCacheStore(parseEnv({})).kind).toBe("memory");
  });

  it("warns when production runs without a shared store", () => {
    const warn = vi.spyOn(logger, "warn").mockImplementation(() => undefined);
    createCache(parseEnv({ NODE_ENV: "production" }));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("per instance"));
    warn.mockClear();
    createCache(parseEnv({ NODE_ENV: "development" }));
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });
});

describe("the namespace of each deployment", () => {
  it("ends with Vercel's environment, else NODE_ENV", () => {
    expect(cacheNamespace(parseEnv({ VERCEL_ENV: "production", NODE_ENV: "production" }))).toBe(
      "scale-starter:production",
    );
    expect(cacheNamespace(parseEnv({ VERCEL_ENV: "preview", NODE_ENV: "production" }))).toBe("scale-starter:preview");
    expect(cacheNamespace(parseEnv({ NODE_ENV: "development" }))).toBe("scale-starter:development");
    expect(cacheNamespace(parseEnv({ CACHE_NAMESPACE: "acme", VERCEL_ENV: "preview" }))).toBe("acme:preview");
  });

  it("keeps a preview off production's keys even on the same store and CACHE_NAMESPACE", async () => {
    const store = watchedStore();
    const production = createCache(parseEnv({ VERCEL_ENV: "production", CACHE_NAMESPACE: "acme" }), store);
    const preview = createCache(parseEnv({ VERCEL_ENV: "preview", CACHE_NAMESPACE: "acme" }), store);
    await production.getCached("feed", async () => "production rows", { tags: ["post-lists"] });
    store.set.mockClear();
    store.setMany.mockClear();

    const previewRead = await preview.getCached("feed", async () => "preview rows", { tags: ["post-lists"] });
    await preview.invalidate("post-lists");
    expect(previewRead).toBe("preview rows");
    const written = [
      ...store.set.mock.calls.map(([key]) => key),
      ...store.setMany.mock.calls.flatMap(([entries]) => entries.map(([key]) => key)),
    ];
    expect(written.length).toBeGreaterThan(0);
    expect(written.every((key) => key.startsWith("acme:preview:"))).toBe(true);
    await expect(production.getCached("feed", async () => "refetched", { tags: ["post-lists"] })).resolves.toBe(
      "production rows",
    );
  });
});

describe("the memory store", () => {
  it("writes several keys at once and reads them back in order", async () => {
    const store = createMemoryStore();
    await store.setMany(
      [
        ["a", "1"],
        ["b", "2"],
      ],
      60,
    );
    await expect(store.mget(["b", "missing", "a"])).resolves.toEqual(["2", null, "1"]);
    expect(store.mgetNow?.(["b", "missing", "a"])).toEqual(["2", null, "1"]);
  });

  it("evicts the least recently used entries beyond its size", async () => {
    const store = createMemoryStore({ maxSize: 20 });
    await store.set("a", "1234567", 60);
    await store.set("b", "1234567", 60);
    await store.set("c", "1234567", 60);
    await expect(store.mget(["a", "b", "c"])).resolves.toEqual([null, "1234567", "1234567"]);
  });
});
