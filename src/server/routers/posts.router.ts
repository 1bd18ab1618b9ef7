import { zFeedInput, zPostIdInput, zPostsByAuthorInput, zSearchInput } from "@/modules/posts/posts.types";
import { publicProcedure, router } from "../trpc";

export const postsRouter = router({
  feed: publicProcedure.input(zFeedInput).query(({ ctx, input }) => ctx.services.posts.getFeedPage(input)),
  byId: publicProcedure.input(zPostIdInput).query(({ ctx, input }) => ctx.services.posts.getPost(input.id)),
  byAuthor: publicProcedure
    .input(zPostsByAuthorInput)
    .query(({ ctx, input }) => ctx.services.posts.getPostsByAuthor(input)),
  search: publicProcedure.input(zSearchInput).query(({ ctx, input }) => ctx.services.posts.searchByTitle(input)),
});
