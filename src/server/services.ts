import type { AppCache } from "@/lib/cache-policy";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { noCache } from "@/lib/no-cache";
import { getDatabase, type Database } from "@/lib/prisma";
import { processSingleton } from "@/lib/process-singleton";
import { getRateLimiter, type RateLimiter } from "@/lib/rate-limit";
import { getCache, type Cache } from "@/lib/redis";
import { appRelease } from "@/lib/release";
import { AdminRepository } from "@/modules/admin/admin.repository";
import { AdminService } from "@/modules/admin/admin.service";
import { CommentRepository } from "@/modules/comments/comment.repository";
import { CommentService } from "@/modules/comments/comment.service";
import { ConfigRepository } from "@/modules/config/config.repository";
import { ConfigService } from "@/modules/config/config.service";
import { HealthRepository } from "@/modules/health/health.repository";
import { HealthService } from "@/modules/health/health.service";
import { PostRepository } from "@/modules/posts/post.repository";
import { PostService } from "@/modules/posts/post.service";
import { UserRepository } from "@/modules/users/user.repository";
import { UserService } from "@/modules/users/user.service";

/** The cache as services read through it, as the health check pings it, as the console counts it. */
export type ServicesCache = AppCache & Pick<Cache, "ping" | "statistics">;

// Cache.ping never throws: it reports. A health probe fails by throwing.
async function pingCache(cache: Pick<Cache, "ping">): Promise<void> {
  const ping = await cache.ping();
  if (!ping.ok) throw new Error(`the ${ping.store} cache store did not answer`);
}

// The one place where repositories, the cache, the rate limiter and services are wired together.
export function createServices(
  db: Database,
  cache: ServicesCache = getCache(),
  limiter: RateLimiter = getRateLimiter(),
) {
  const users = new UserRepository(db);
  const posts = new PostRepository(db);
  const comments = new CommentRepository(db);
  const probes = new HealthRepository(db);
  const config = new ConfigService({ config: new ConfigRepository(db), cache });
  // Each dependency the app needs, named as /api/health reports it. The app serves from the
  // database when the cache fails, so a failing cache degrades the answer (200), no more.
  const health = new HealthService({
    checks: [
      { name: "database", critical: true, probe: () => probes.ping() },
      { name: "cache", critical: false, probe: () => pingCache(cache) },
    ],
    timeoutMs: env.HEALTH_CHECK_TIMEOUT_MS,
    release: appRelease,
    logger,
  });
  return {
    users: new UserService({ users, posts, cache }),
    posts: new PostService({ posts, users, cache, limiter }),
    comments: new CommentService({ comments, posts, users, cache, limiter }),
    config,
    health,
    admin: new AdminService({ health, config, database: new AdminRepository(db), cache }),
  };
}

export type Services = ReturnType<typeof createServices>;

// The database client, the cache and the rate limiter underneath are one per process; so are
// the services wired on them, rebuilt only when a script or test swaps one of them.
const wired = processSingleton<
  { db: Database; cache: ServicesCache; limiter: RateLimiter; services: Services } | undefined
>("services", () => undefined);

export function getServices(): Services {
  const db = getDatabase();
  const cache = env.CACHE_DISABLED ? noCache : getCache();
  const limiter = getRateLimiter();
  const current = wired.get();
  if (current?.db === db && current.cache === cache && current.limiter === limiter) return current.services;
  const services = createServices(db, cache, limiter);
  wired.set({ db, cache, limiter, services });
  return services;
}
