import { beforeAll, describe, expect, it } from "vitest";
import { CACHE_TTL } from "@/lib/cache-policy";
import { CACHE_VERSION } from "@/lib/redis";
import { createServices, type Services } from "@/server/services";
import { factories } from "#tests/factories";
import { checkRedis, setupUpstashCache } from "#tests/redis";
import { setupTestDatabase } from "#tests/test-database";
import { expectLog } from "#tests/logs";

const redisCheck = await checkRedis();
const t = setupTestDatabase();

// The services as production runs them: @upstash/redis over REST (through the translator) to a
// real Redis. Every "no query" below is counted on the database connection itself.
describe.skipIf(!redisCheck.available)(
  `services cached in Redis through @upstash/redis ${redisCheck.skipReason}`,
  () => {
    const upstash = setupUpstashCache();
    let services: Services;
    const { createUser, createPost, createComment } = factories(() => services);
    let authorId: number;
    let postId: number;

    beforeAll(async () => {
      services = createServices(t.db, upstash.cache);
      authorId = (await createUser({ name: "Grace" })).id;
      for (let i = 0; i < 3; i++) postId = (await createPost({ userId: authorId, title: `Cache lesson ${i}` })).id;
      await createComment({ postId, userId: authorId });
    });

    /** Reads twice; returns the queries of each read and both results. */
    async function readTwice<T>(read: () => Promise<T>) {
      t.resetQueries();
      const first = await read();
      const firstQueries = t.queries.length;
      t.resetQueries();
      const second = await read();
      return { first, second, firstQueries, secondQueries: t.queries.length };
    }

    it("a second read of a profile does no database query, and keeps its dates", async () => {
      const { first, second, firstQueries, secondQueries } = await readTwice(() =>
        services.users.getProfile({ id: authorId }),
      );
      expect(firstQueries).toBeGreaterThan(0);
      expect(secondQueries).toBe(0);
      expect(second).toEqual(first);
      expect(second.createdAt).toBeInstanceOf(Date);
    });

    it("a second read of a feed page does no database query", async () => {
      const { first, second, firstQueries, secondQueries } = await readTwice(() => services.posts.getFeedPage({}));
      expect(firstQueries).toBeGreaterThan(0);
      expect(secondQueries).toBe(0);
      expect(second).toEqual(first);
      expect(second.items[0]?.createdAt).toBeInstanceOf(Date);
    });

    it.each([
      ["an author page", () => services.posts.getPostsByAuthor({ userId: authorId })],
      ["a search page", () => services.posts.searchByTitle({ q: "lesson" })],
      ["a comments page", () => services.comments.getCommentsForPost({ postId })],
      ["the app config", () => services.config.getConfig()],
    ])("a second read of %s does no database query", async (_, read) => {
      const { secondQueries, firstQueries } = await readTwice(read as () => Promise<unknown>);
      expect(firstQueries).toBeGreaterThan(0);
      expect(secondQueries).toBe(0);
    });

    it("stores entries under the namespaced, versioned key with the policy's TTL", async () => {
      await services.users.getProfile({ id: authorId });
      const ttl = await upstash.redis.ttl(`${upstash.namespace}:v${CACHE_VERSION}:users:${authorId}:profile`);
      expect(ttl).toBeGreaterThan(CACHE_TTL.profile - 60);
      expect(ttl).toBeLessThanOrEqual(CACHE_TTL.profile);
    });

    it("a new post shows in the feed, the author's page and their profile on the next read", async () => {
      await services.posts.getFeedPage({});
      await services.posts.getPostsByAuthor({ userId: authorId });
      const before = await services.users.getProfile({ id: authorId });

      const created = await createPost({ userId: authorId, title: "Fresh off the press" });

      const feed = await services.posts.getFeedPage({});
      expect(feed.items[0]?.id).toBe(created.id);
      const byAuthor = await services.posts.getPostsByAuthor({ userId: authorId });
      expect(byAuthor.items[0]?.id).toBe(created.id);
      await expect(services.users.getProfile({ id: authorId })).resolves.toMatchObject({
        postCount: before.postCount + 1,
      });
    });

    it("a new comment shows on its post's comment page and in the counts of the lists", async () => {
      const before = await services.comments.getCommentsForPost({ postId });
      await services.posts.getFeedPage({});

      await createComment({ postId, userId: authorId, body: "Cached no more" });

      const after = await services.comments.getCommentsForPost({ postId });
      expect(after.total).toBe(before.total + 1);
      const feed = await services.posts.getFeedPage({});
      expect(feed.items.find((p) => p.id === postId)?.commentCount).toBe(before.total + 1);
    });

    it("a flag change shows in the config on the next read", async () => {
      await services.config.getConfig();
      await services.config.setFlag({ key: "cache-test-flag", enabled: true }, { source: "command_line" });
      await expect(services.config.isEnabled("cache-test-flag")).resolves.toBe(true);
    });

    it("unknown ids are not cached", async () => {
      await expect(services.users.getProfile({ id: 999_999 })).rejects.toMatchObject({ code: "NOT_FOUND" });
      t.resetQueries();
      await expect(services.users.getProfile({ id: 999_999 })).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect(t.queries.length).toBeGreaterThan(0);
    });

    it("answers a health check's ping", async () => {
      await expect(upstash.cache.ping()).resolves.toMatchObject({ store: "upstash", ok: true });
    });

    // Last: it stops the translator.
    it("when the store stops mid-test, reads are served from the database", async () => {
      expectLog("warn", /^cache read failed; serving from the source$/);
      expectLog("error", /^cache invalidation failed; stale entries stay until their TTL$/);
      expectLog("warn", /^cache ping failed$/);
      const cached = await services.posts.getFeedPage({});
      await upstash.proxy.close();

      t.resetQueries();
      await expect(services.posts.getFeedPage({})).resolves.toEqual(cached);
      expect(t.queries.length).toBeGreaterThan(0);
      await expect(services.users.getProfile({ id: authorId })).resolves.toMatchObject({ id: authorId });
      await expect(createPost({ userId: authorId })).resolves.toMatchObject({ userId: authorId });
      await expect(upstash.cache.ping()).resolves.toMatchObject({ store: "upstash", ok: false });
    });
  },
);
