import { apiRoute } from "@/lib/http";
import { HTTP_CACHE } from "@/lib/http-cache";
import { getServices } from "@/server/services";

/** GET /api/config: app-wide settings and feature flags (the same for every viewer). */
export default apiRoute(
  {
    GET: () => getServices().config.getConfig(),
  },
  { cacheControl: HTTP_CACHE.minutes },
);

// Bodies are read and bounded by the adapter (src/lib/request-limits.ts), not by Next.
export const config = { api: { bodyParser: false } };
