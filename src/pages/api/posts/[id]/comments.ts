import { getActor } from "@/lib/auth/session";
import { apiRoute, created } from "@/lib/http";
import { HTTP_CACHE } from "@/lib/http-cache";
import { pagesChangedBy, revalidating } from "@/lib/revalidation";
import { getServices } from "@/server/services";

/**
 * GET /api/posts/:id/comments?page=1: a post's comments, oldest first.
 * POST /api/posts/:id/comments {body}: 201 with the new comment of the signed-in user.
 */
export default apiRoute(
  {
    GET: (req) => {
      const { id, ...page } = req.query;
      return getServices().comments.getCommentsForPost({ ...page, postId: id });
    },
    POST: created(
      revalidating(pagesChangedBy.comment, async (req, res) =>
        getServices().comments.createComment(await getActor(req, res), { ...req.body, postId: req.query.id }),
      ),
    ),
  },
  { cacheControl: HTTP_CACHE.minutes },
);

// Bodies are read and bounded by the adapter (src/lib/request-limits.ts), not by Next.
export const config = { api: { bodyParser: false } };
