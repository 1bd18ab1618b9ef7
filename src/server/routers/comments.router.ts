import { zCommentsByPostInput } from "@/modules/comments/comments.types";
import { publicProcedure, router } from "../trpc";

export const commentsRouter = router({
  byPost: publicProcedure
    .input(zCommentsByPostInput)
    .query(({ ctx, input }) => ctx.services.comments.getCommentsForPost(input)),
});
