import { apiRoute } from "@/lib/http";
import { HTTP_CACHE } from "@/lib/http-cache";
import { parseInput } from "@/lib/validation";
import { zPostIdInput } from "@/modules/posts/posts.types";
import { getServices } from "@/server/services";

/** GET /api/posts/:id: one post with its author and comment count. */
export default apiRoute(
  {
    GET: (req) => getServices().posts.getPost(parseInput(zPostIdInput, req.query).id),
  },
  { cacheControl: HTTP_CACHE.minutes },
);
