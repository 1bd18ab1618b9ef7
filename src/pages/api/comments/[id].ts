import { getActor } from "@/lib/auth/session";
import { apiRoute, noContent } from "@/lib/http";
import { pagesChangedBy, revalidating } from "@/lib/revalidation";
import { getServices } from "@/server/services";

/** DELETE /api/comments/:id: 204 (the comment's author, the post's author, or an admin). */
export default apiRoute({
  DELETE: noContent(
    revalidating(pagesChangedBy.comment, async (req, res) =>
      getServices().comments.deleteComment(await getActor(req, res), req.query),
    ),
  ),
});

// Bodies are read and bounded by the adapter (src/lib/request-limits.ts), not by Next.
export const config = { api: { bodyParser: false } };
