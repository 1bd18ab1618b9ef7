import { apiRoute } from "@/lib/http";
import { HTTP_CACHE } from "@/lib/http-cache";
import { parseInput } from "@/lib/validation";
import { zFeedInput } from "@/modules/posts/posts.types";
import { getServices } from "@/server/services";

/** GET /api/posts?page=1&pageSize=20: the feed, newest first. */
export default apiRoute(
  {
    GET: (req) => getServices().posts.getFeedPage(parseInput(zFeedInput, req.query)),
  },
  { cacheControl: HTTP_CACHE.minutes },
);
