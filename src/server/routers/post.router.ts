import type {
  CreatePostInput,
  FeedInput,
  PostIdInput,
  PostsByAuthorInput,
  SearchInput,
  UpdatePostInput,
} from "@/modules/posts/post.types";
import { pagesChangedBy } from "@/lib/revalidation";
import { afterRevalidating, protectedProcedure, publicProcedure, rawInput, router } from "../trpc";

export const postRouter = router({
  feed: publicProcedure.input(rawInput<FeedInput>()).query(({ ctx, input }) => ctx.services.posts.getFeed(input)),
  byId: publicProcedure.input(rawInput<PostIdInput>()).query(({ ctx, input }) => ctx.services.posts.getPost(input)),
  byAuthor: publicProcedure
    .input(rawInput<PostsByAuthorInput>())
    .query(({ ctx, input }) => ctx.services.posts.getPostsByAuthor(input)),
  search: publicProcedure
    .input(rawInput<SearchInput>())
    .query(({ ctx, input }) => ctx.services.posts.searchByTitle(input)),
  create: protectedProcedure
    .input(rawInput<CreatePostInput>())
    .mutation(({ ctx, input }) =>
      ctx.services.posts.createPost(ctx.actor, input).then(afterRevalidating(ctx, pagesChangedBy.post)),
    ),
  update: protectedProcedure
    .input(rawInput<UpdatePostInput>())
    .mutation(({ ctx, input }) =>
      ctx.services.posts.updatePost(ctx.actor, input).then(afterRevalidating(ctx, pagesChangedBy.post)),
    ),
  delete: protectedProcedure
    .input(rawInput<PostIdInput>())
    .mutation(({ ctx, input }) =>
      ctx.services.posts.deletePost(ctx.actor, input).then(afterRevalidating(ctx, pagesChangedBy.post)),
    ),
});
