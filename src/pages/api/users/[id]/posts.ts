import { apiRoute } from "@/lib/http";
import { HTTP_CACHE } from "@/lib/http-cache";
import { parseInput } from "@/lib/validation";
import { zPostsByAuthorInput } from "@/modules/posts/posts.types";
import { getServices } from "@/server/services";

/** GET /api/users/:id/posts?page=1: a user's posts, newest first. */
export default apiRoute(
  {
    GET: (req) => {
      const { id, ...page } = req.query;
      return getServices().posts.getPostsByAuthor(parseInput(zPostsByAuthorInput, { ...page, userId: id }));
    },
  },
  { cacheControl: HTTP_CACHE.minutes },
);
