import type { CommentIdInput, CommentsByPostInput, CreateCommentInput } from "@/modules/comments/comment.types";
import { pagesChangedBy } from "@/lib/revalidation";
import { afterRevalidating, protectedProcedure, publicProcedure, rawInput, router } from "../trpc";

export const commentRouter = router({
  byPost: publicProcedure
    .input(rawInput<CommentsByPostInput>())
    .query(({ ctx, input }) => ctx.services.comments.getCommentsForPost(input)),
  create: protectedProcedure
    .input(rawInput<CreateCommentInput>())
    .mutation(({ ctx, input }) =>
      ctx.services.comments.createComment(ctx.actor, input).then(afterRevalidating(ctx, pagesChangedBy.comment)),
    ),
  delete: protectedProcedure
    .input(rawInput<CommentIdInput>())
    .mutation(({ ctx, input }) =>
      ctx.services.comments.deleteComment(ctx.actor, input).then(afterRevalidating(ctx, pagesChangedBy.comment)),
    ),
});
