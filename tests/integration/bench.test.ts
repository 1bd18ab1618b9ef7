import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { SMOKE } from "../../bench/config";
import { bulkSeed } from "../../bench/lib/bulk-seed";
import { runCache, runCacheWorkload } from "../../bench/scenarios/cache";
import { explain, runIndexScan } from "../../bench/scenarios/index-scan";
import { loadUsersWithPostsInclude, loadUsersWithPostsLoop, runNPlusOne } from "../../bench/scenarios/n-plus-one";
import { runPagination } from "../../bench/scenarios/pagination";
import { checkRedis, REDIS_URL } from "#tests/redis";
import { setupTestDatabase } from "#tests/test-database";

// The benchmark's own correctness, on the smoke scale: each variant does what its name says.
// Timings are measured (one run) but never asserted.

const t = setupTestDatabase();
const { scale } = SMOKE;
const oneRun = { warmup: 0, runs: 1 };
const redis = await checkRedis();

async function withClient<T>(task: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: t.url });
  await client.connect();
  try {
    return await task(client);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  await bulkSeed(t.url, scale);
}, 60_000);

describe("bulk seed", () => {
  it("writes the requested rows, spreading posts evenly over users", async () => {
    expect(await t.db.user.count()).toBe(scale.users);
    expect(await t.db.post.count()).toBe(scale.posts);
    expect(await t.db.comment.count()).toBe(scale.comments);
    const perUser = await t.db.post.groupBy({ by: ["userId"], _count: { _all: true } });
    expect(perUser).toHaveLength(scale.users);
    expect(new Set(perUser.map((g) => g._count._all))).toEqual(new Set([scale.posts / scale.users]));
  });

  it("is deterministic", async () => {
    const titles = () =>
      t.db.post.findMany({ select: { title: true, userId: true }, orderBy: { id: "asc" }, take: 50 });
    const first = await titles();
    await bulkSeed(t.url, scale);
    expect(await titles()).toEqual(first);
  });
});

describe("A2.1 N+1", () => {
  const userIds = [1, 2, 3, 4, 5, 6, 7];

  it("the loop really issues N+1 queries and the include two, for the same data", async () => {
    t.resetQueries();
    const looped = await loadUsersWithPostsLoop(t.db, userIds);
    expect(t.queries).toHaveLength(userIds.length + 1);
    t.resetQueries();
    const included = await loadUsersWithPostsInclude(t.db, userIds);
    expect(t.queries).toHaveLength(2);
    expect(included).toEqual(looped);
    expect(looped.every((user) => user.posts.length === scale.posts / scale.users)).toBe(true);
  });

  it("reports the counts of the 50-user scenario", async () => {
    const result = await runNPlusOne(t.url, 50, oneRun);
    expect(result.loop.queries).toBe(51);
    expect(result.include.queries).toBe(2);
    expect(result.postsLoaded).toBe(50 * (scale.posts / scale.users));
  });
});

describe("A2.2 index", () => {
  it("measures a Seq Scan without the index and a scan of idx_posts_user_id with it", async () => {
    const result = await runIndexScan(t.url, SMOKE.indexUserId, oneRun);
    expect(result.tableRows).toBe(scale.posts);
    expect(result.withoutIndex.plan.scans).toEqual(["Seq Scan"]);
    expect(result.withIndex.plan.usesIndex).toBe(true);
    expect(result.withIndex.plan.scans.join(" ")).toContain("idx_posts_user_id");
    expect(result.withIndex.plan.text).toContain("Buffers:");
    expect(result.withIndex.rows).toBe(scale.posts / scale.users);
  });

  it("leaves every index on posts as the migrations made it", async () => {
    const plan = await withClient((client) => explain(client, SMOKE.indexUserId));
    expect(plan.seqScan).toBe(false);
    const indexes = await withClient((client) =>
      client.query<{ indexname: string }>("SELECT indexname FROM pg_indexes WHERE tablename = 'posts'"),
    );
    expect(indexes.rows.map((r) => r.indexname)).toEqual(
      expect.arrayContaining(["idx_posts_user_id", "idx_posts_user_id_created_at"]),
    );
  });
});

describe("A2.4 pagination", () => {
  it("compares every post with a page of 20, through the repository and the service", async () => {
    const result = await runPagination(t.url, 10_000, oneRun);
    expect(result.all.items).toBe(scale.posts);
    expect(result.page.items).toBe(20);
    expect(result.page.queries).toBe(result.all.queries);
    expect(result.page.bytes).toBeLessThan(result.all.bytes / 100);
    // The deepest page read both ways (the same rows, checked by the scenario), and the page's 2 queries.
    expect(result.deep.row).toBe(scale.posts - 20);
    expect(result.page.queries).toBe(2);
  });
});

describe("A3.3 cache", () => {
  const options = {
    namespace: `scale-bench-test-${process.pid}`,
    userId: 7,
    redisUrl: REDIS_URL,
    proxyPort: 0,
    workloadReads: 200,
  };

  it("times misses that query and hits that do not, in process", async () => {
    const result = await runCache(t.url, { ...options, redisUrl: "redis://127.0.0.1:1" }, oneRun);
    expect(result.stores.map((s) => s.store)).toEqual(["in-process LRU"]);
    expect(result.redisSkipped).toMatch(/not reachable/);
    const [memory] = result.stores;
    expect(memory?.profile).toMatchObject({ missQueries: 2, hitQueries: 0 });
    expect(memory?.feed.missQueries).toBeGreaterThan(0);
    expect(memory?.feed.hitQueries).toBe(0);
  });

  it.skipIf(!redis.available)(
    `also on Redis through @upstash/redis and the REST translator ${redis.skipReason}`.trim(),
    async () => {
      const result = await runCache(t.url, options, oneRun);
      expect(result.stores.map((s) => s.store)).toEqual(["in-process LRU", "Redis via @upstash/redis"]);
      expect(result.stores[1]?.profile).toMatchObject({ missQueries: 2, hitQueries: 0 });
    },
  );

  it("counts the reads that reach the database, and leaves the data as it was", async () => {
    const result = await runCacheWorkload(t.url, 200);
    expect(result).toMatchObject({ reads: 200, writes: 1 });
    expect(result.readsReachingDatabase).toBeGreaterThan(0);
    expect(result.readsReachingDatabase).toBeLessThan(200);
    expect(result.readQueriesCached).toBeLessThan(result.readQueriesUncached);
    expect(await t.db.post.count()).toBe(scale.posts);
  });
});
