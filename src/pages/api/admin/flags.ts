import { getActor } from "@/lib/auth/session";
import { apiRoute } from "@/lib/http";
import { isFormBody } from "@/lib/request-limits";
import { getServices } from "@/server/services";

/**
 * GET /api/admin/flags: every flag and the audit trail. POST {key, enabled}: switch a flag on
 * every instance. Admins only: anyone else gets the 404 of an unknown URL. The console's
 * switches post a plain form, answered with a redirect back to it (no JavaScript needed).
 */
export default apiRoute(
  {
    GET: async (req, res) => getServices().admin.flags(await getActor(req, res)),
    POST: async (req, res) => {
      const flag = await getServices().admin.setFlag(await getActor(req, res), req.body);
      if (isFormBody(req)) return res.redirect(303, "/admin/flags");
      return flag;
    },
  },
  { forms: true },
);

// Bodies are read and bounded by the adapter (src/lib/request-limits.ts), not by Next.
export const config = { api: { bodyParser: false } };
