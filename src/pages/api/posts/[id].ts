import { getActor } from "@/lib/auth/session";
import { apiRoute, noContent } from "@/lib/http";
import { HTTP_CACHE } from "@/lib/http-cache";
import { pagesChangedBy, revalidating } from "@/lib/revalidation";
import { getServices } from "@/server/services";

/**
 * GET /api/posts/:id: one post with its author and comment count.
 * PATCH /api/posts/:id {title?, body?}: 200 with the post; DELETE: 204 (author or admin).
 */
export default apiRoute(
  {
    GET: (req) => getServices().posts.getPost(req.query),
    PATCH: revalidating(pagesChangedBy.post, async (req, res) =>
      getServices().posts.updatePost(await getActor(req, res), { ...req.body, id: req.query.id }),
    ),
    DELETE: noContent(
      revalidating(pagesChangedBy.post, async (req, res) =>
        getServices().posts.deletePost(await getActor(req, res), req.query),
      ),
    ),
  },
  { cacheControl: HTTP_CACHE.minutes },
);

// Bodies are read and bounded by the adapter (src/lib/request-limits.ts), not by Next.
export const config = { api: { bodyParser: false } };
