import { apiRoute } from "@/lib/http";
import { HTTP_CACHE } from "@/lib/http-cache";
import { parseInput } from "@/lib/validation";
import { zSearchInput } from "@/modules/posts/posts.types";
import { getServices } from "@/server/services";

/** GET /api/search?q=text&page=1: posts whose title contains the text (trigram index). */
export default apiRoute(
  {
    GET: (req) => getServices().posts.searchByTitle(parseInput(zSearchInput, req.query)),
  },
  { cacheControl: HTTP_CACHE.minutes },
);
