import type { AppCache } from "@/lib/cache-policy";
import { env } from "@/lib/env";
import { noCache } from "@/lib/no-cache";
import { getDatabase, type Database } from "@/lib/prisma";
import { getCache } from "@/lib/redis";
import { CommentRepository } from "@/modules/comments/comments.repository";
import { CommentService } from "@/modules/comments/comments.service";
import { ConfigRepository } from "@/modules/config/config.repository";
import { ConfigService } from "@/modules/config/config.service";
import { PostRepository } from "@/modules/posts/posts.repository";
import { PostService } from "@/modules/posts/posts.service";
import { UserRepository } from "@/modules/users/users.repository";
import { UserService } from "@/modules/users/users.service";

// The one place where repositories, the cache and services are wired together.
export function createServices(db: Database, cache: AppCache = getCache()) {
  const users = new UserRepository(db);
  const posts = new PostRepository(db);
  const comments = new CommentRepository(db);
  return {
    users: new UserService({ users, cache }),
    posts: new PostService({ posts, users, cache }),
    comments: new CommentService({ comments, posts, users, cache }),
    config: new ConfigService({ config: new ConfigRepository(db), cache }),
  };
}

export type Services = ReturnType<typeof createServices>;

// Per bundle (Next bundles each route apart); the database client and the cache underneath
// are one per process. Rebuilt only when a script or test swaps one of them.
let current: { db: Database; cache: AppCache; services: Services } | undefined;

export function getServices(): Services {
  const db = getDatabase();
  const cache = env.CACHE_DISABLED ? noCache : getCache();
  if (current?.db !== db || current.cache !== cache) current = { db, cache, services: createServices(db, cache) };
  return current.services;
}
