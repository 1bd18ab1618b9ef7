import { apiRoute } from "@/lib/http";
import { getServices } from "@/server/services";

/**
 * GET|HEAD /api/health, for uptime monitors (docs/monitoring.md): 200 while the database
 * answers (cache trouble only degrades it), 503 when it does not. Never cached.
 */
export default apiRoute({
  GET: async (_req, res) => {
    const report = await getServices().health.check();
    res.setHeader("Cache-Control", "no-store");
    res.status(report.status === "down" ? 503 : 200).json(report);
  },
});

// Bodies are read and bounded by the adapter (src/lib/request-limits.ts), not by Next.
export const config = { api: { bodyParser: false } };
