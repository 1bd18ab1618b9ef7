import { apiRoute } from "@/lib/http";
import { HTTP_CACHE } from "@/lib/http-cache";
import { getServices } from "@/server/services";

/** GET /api/search?q=text&page=1: posts whose title contains the text (trigram index). */
export default apiRoute(
  {
    GET: (req) => getServices().posts.searchByTitle(req.query),
  },
  { cacheControl: HTTP_CACHE.minutes },
);

// Bodies are read and bounded by the adapter (src/lib/request-limits.ts), not by Next.
export const config = { api: { bodyParser: false } };
