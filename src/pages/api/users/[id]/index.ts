import { apiRoute } from "@/lib/http";
import { HTTP_CACHE } from "@/lib/http-cache";
import { parseInput } from "@/lib/validation";
import { zUserIdInput } from "@/modules/users/users.types";
import { getServices } from "@/server/services";

/** GET /api/users/:id: a public profile (no email). */
export default apiRoute(
  {
    GET: (req) => getServices().users.getProfile(parseInput(zUserIdInput, req.query).id),
  },
  { cacheControl: HTTP_CACHE.hour },
);
