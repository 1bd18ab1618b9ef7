import { apiRoute } from "@/lib/http";
import { getServices } from "@/server/services";

/** GET /api/config: app-wide settings and feature flags (the same for every viewer). */
export default apiRoute({
  GET: () => getServices().config.getConfig(),
});
