import type { NextApiRequest, NextApiResponse } from "next";
import { toNodeHandler } from "better-auth/node";
import { observeRequest } from "@/lib/monitoring/request-observer";
import { getAuth } from "@/lib/auth/auth";
import { withPageRevalidation } from "@/lib/revalidation";

/**
 * better-auth's endpoints (/api/auth/sign-in/email, /api/auth/get-session…): it reads its own
 * body. Its hooks revalidate the static pages a rename or a deletion changes through this
 * response (src/lib/auth/auth.ts).
 */
export default function handler(req: NextApiRequest, res: NextApiResponse) {
  return observeRequest(req, res, () => withPageRevalidation(res, () => toNodeHandler(getAuth())(req, res)));
}

export const config = { api: { bodyParser: false } };
