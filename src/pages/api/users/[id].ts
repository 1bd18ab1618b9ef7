import { apiRoute } from "@/lib/http";
import { HTTP_CACHE } from "@/lib/http-cache";
import { getServices } from "@/server/services";

/** GET /api/users/:id: a public profile (no email). */
export default apiRoute(
  {
    GET: (req) => getServices().users.getProfile(req.query),
  },
  { cacheControl: HTTP_CACHE.hour },
);

// Bodies are read and bounded by the adapter (src/lib/request-limits.ts), not by Next.
export const config = { api: { bodyParser: false } };
