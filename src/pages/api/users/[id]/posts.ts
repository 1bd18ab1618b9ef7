import { apiRoute } from "@/lib/http";
import { HTTP_CACHE } from "@/lib/http-cache";
import { getServices } from "@/server/services";

/** GET /api/users/:id/posts?page=1: a user's posts, newest first. */
export default apiRoute(
  {
    GET: (req) => {
      const { id, ...page } = req.query;
      return getServices().posts.getPostsByAuthor({ ...page, userId: id });
    },
  },
  { cacheControl: HTTP_CACHE.minutes },
);

// Bodies are read and bounded by the adapter (src/lib/request-limits.ts), not by Next.
export const config = { api: { bodyParser: false } };
