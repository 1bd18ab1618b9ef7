import { router } from "../trpc";
import { commentRouter } from "./comment.router";
import { configRouter } from "./config.router";
import { postRouter } from "./post.router";
import { userRouter } from "./user.router";

export const appRouter = router({
  posts: postRouter,
  comments: commentRouter,
  users: userRouter,
  config: configRouter,
});

export type AppRouter = typeof appRouter;
