import { getActor } from "@/lib/auth/session";
import { apiRoute, created } from "@/lib/http";
import { HTTP_CACHE } from "@/lib/http-cache";
import { pagesChangedBy, revalidating } from "@/lib/revalidation";
import { getServices } from "@/server/services";

/**
 * GET /api/posts?page=1&pageSize=20: the feed, newest first, by numbered page.
 * GET /api/posts?cursor=&pageSize=20: the same by keyset page; pass back `nextCursor`.
 * POST /api/posts {title, body}: 201 with the new post of the signed-in user.
 */
export default apiRoute(
  {
    GET: (req) => getServices().posts.getFeed(req.query),
    POST: created(
      revalidating(pagesChangedBy.post, async (req, res) =>
        getServices().posts.createPost(await getActor(req, res), req.body),
      ),
    ),
  },
  { cacheControl: HTTP_CACHE.minutes },
);

// Bodies are read and bounded by the adapter (src/lib/request-limits.ts), not by Next.
export const config = { api: { bodyParser: false } };
