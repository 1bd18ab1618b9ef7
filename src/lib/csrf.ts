import type { IncomingMessage } from "node:http";
import { appOrigin } from "./app-origin";
import { ForbiddenError } from "./errors";

// Cross-site request forgery (ADR 0095): a session cookie rides along with any request the
// browser sends, whichever site's page sent it, so a request that may change something must
// show that one of our pages sent it. Browsers name the sending page's origin in `Origin` on
// every such request (and, where they leave it out, say `Sec-Fetch-Site`); neither can be set by
// a page of another site. GET and HEAD change nothing, so they are not checked.

const SAFE_METHODS = new Set(["GET", "HEAD"]);

/** Throws 403 unless a request that may change something comes from `origin` (ours by default). */
export function assertSameOrigin(req: Pick<IncomingMessage, "method" | "headers">, origin?: string): void {
  if (SAFE_METHODS.has(req.method ?? "GET")) return;
  const sent = req.headers.origin;
  const ours = sent === undefined ? req.headers["sec-fetch-site"] === "same-origin" : sent === (origin ?? appOrigin());
  if (!ours) throw new ForbiddenError("Cross-origin request refused", { reason: "cross_origin" });
}
