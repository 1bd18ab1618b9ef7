import { apiRoute } from "@/lib/http";
import { parseInput } from "@/lib/validation";
import { zFeedInput } from "@/modules/posts/posts.types";
import { getServices } from "@/server/services";

/** GET /api/posts?page=1&pageSize=20: the feed, newest first. */
export default apiRoute({
  GET: (req) => getServices().posts.getFeedPage(parseInput(zFeedInput, req.query)),
});
