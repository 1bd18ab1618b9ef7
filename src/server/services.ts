import type { AppCache } from "@/lib/cache-policy";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { noCache } from "@/lib/no-cache";
import { getDatabase, type Database } from "@/lib/prisma";
import { getCache, type Cache } from "@/lib/redis";
import { appRelease } from "@/lib/release";
import { CommentRepository } from "@/modules/comments/comments.repository";
import { CommentService } from "@/modules/comments/comments.service";
import { ConfigRepository } from "@/modules/config/config.repository";
import { ConfigService } from "@/modules/config/config.service";
import { HealthRepository } from "@/modules/health/health.repository";
import { HealthService } from "@/modules/health/health.service";
import { PostRepository } from "@/modules/posts/posts.repository";
import { PostService } from "@/modules/posts/posts.service";
import { UserRepository } from "@/modules/users/users.repository";
import { UserService } from "@/modules/users/users.service";

/** The cache as services read through it, and as the health check pings it. */
export type ServicesCache = AppCache & Pick<Cache, "ping">;

// Cache.ping never throws: it reports. A health probe fails by throwing.
async function pingCache(cache: Pick<Cache, "ping">): Promise<void> {
  const ping = await cache.ping();
  if (!ping.ok) throw new Error(`the ${ping.store} cache store did not answer`);
}

// The one place where repositories, the cache and services are wired together.
export function createServices(db: Database, cache: ServicesCache = getCache()) {
  const users = new UserRepository(db);
  const posts = new PostRepository(db);
  const comments = new CommentRepository(db);
  const health = new HealthRepository(db);
  return {
    users: new UserService({ users, cache }),
    posts: new PostService({ posts, users, cache }),
    comments: new CommentService({ comments, posts, users, cache }),
    config: new ConfigService({ config: new ConfigRepository(db), cache }),
    // Each dependency the app needs, named as /api/health reports it. The app serves from the
    // database when the cache fails, so a failing cache degrades the answer (200), no more.
    health: new HealthService({
      checks: [
        { name: "database", critical: true, probe: () => health.ping() },
        { name: "cache", critical: false, probe: () => pingCache(cache) },
      ],
      timeoutMs: env.HEALTH_CHECK_TIMEOUT_MS,
      release: appRelease,
      logger,
    }),
  };
}

export type Services = ReturnType<typeof createServices>;

// Per bundle (Next bundles each route apart); the database client and the cache underneath
// are one per process. Rebuilt only when a script or test swaps one of them.
let current: { db: Database; cache: ServicesCache; services: Services } | undefined;

export function getServices(): Services {
  const db = getDatabase();
  const cache = env.CACHE_DISABLED ? noCache : getCache();
  if (current?.db !== db || current.cache !== cache) current = { db, cache, services: createServices(db, cache) };
  return current.services;
}
