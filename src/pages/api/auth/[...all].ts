import { toNodeHandler } from "better-auth/node";
import { observeRequest } from "@/lib/monitoring/request-observer";
import { getAuth } from "@/lib/auth/auth";

/** better-auth's endpoints (/api/auth/sign-in/email, /api/auth/get-session…): it reads its own body. */
export default function handler(...args: Parameters<ReturnType<typeof toNodeHandler>>) {
  const [req, res] = args;
  return observeRequest(req, res, () => toNodeHandler(getAuth())(req, res));
}

export const config = { api: { bodyParser: false } };
