import { apiRoute } from "@/lib/http";
import { HTTP_CACHE } from "@/lib/http-cache";
import { parseInput } from "@/lib/validation";
import { zCommentsByPostInput } from "@/modules/comments/comments.types";
import { getServices } from "@/server/services";

/** GET /api/posts/:id/comments?page=1: a post's comments, oldest first. */
export default apiRoute(
  {
    GET: (req) => {
      const { id, ...page } = req.query;
      return getServices().comments.getCommentsForPost(parseInput(zCommentsByPostInput, { ...page, postId: id }));
    },
  },
  { cacheControl: HTTP_CACHE.minutes },
);
