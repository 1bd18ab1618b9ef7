import { router } from "../trpc";
import { commentsRouter } from "./comments.router";
import { configRouter } from "./config.router";
import { postsRouter } from "./posts.router";
import { usersRouter } from "./users.router";

export const appRouter = router({
  posts: postsRouter,
  comments: commentsRouter,
  users: usersRouter,
  config: configRouter,
});

export type AppRouter = typeof appRouter;
