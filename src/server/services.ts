import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { getDatabase, pingDatabase, type Database } from "@/lib/prisma";
import { appRelease } from "@/lib/release";
import { CommentRepository } from "@/modules/comments/comments.repository";
import { CommentService } from "@/modules/comments/comments.service";
import { ConfigRepository } from "@/modules/config/config.repository";
import { ConfigService } from "@/modules/config/config.service";
import { HealthService } from "@/modules/health/health.service";
import { PostRepository } from "@/modules/posts/posts.repository";
import { PostService } from "@/modules/posts/posts.service";
import { UserRepository } from "@/modules/users/users.repository";
import { UserService } from "@/modules/users/users.service";

// The one place where repositories and services are wired together.
export function createServices(db: Database) {
  const users = new UserRepository(db);
  const posts = new PostRepository(db);
  const comments = new CommentRepository(db);
  return {
    users: new UserService(users),
    posts: new PostService({ posts, users }),
    comments: new CommentService({ comments, posts, users }),
    config: new ConfigService(new ConfigRepository(db)),
    // Each dependency the app needs, named as /api/health reports it.
    health: new HealthService({
      checks: [{ name: "database", critical: true, probe: () => pingDatabase(db) }],
      timeoutMs: env.HEALTH_CHECK_TIMEOUT_MS,
      release: appRelease,
      logger,
    }),
  };
}

export type Services = ReturnType<typeof createServices>;

// Per bundle (Next bundles each route apart); the database client underneath is shared.
let services: Services | undefined;

export function getServices(): Services {
  services ??= createServices(getDatabase());
  return services;
}
