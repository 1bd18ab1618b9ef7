import type { IncomingMessage, ServerResponse } from "node:http";
import { fromNodeHeaders } from "better-auth/node";
import type { Actor } from "@/modules/users/user.types";
import { toActor } from "./actor";
import { getAuth } from "./auth";

/**
 * The signed-in user of a request, or null. better-auth may refresh the session while reading
 * it (a sliding expiry): the Set-Cookie it returns is forwarded on `res`, so callers
 * (getServerSideProps, the tRPC context, REST handlers) pass the response they will send.
 */
async function readSession(req: IncomingMessage, res: ServerResponse) {
  const { headers, response } = await getAuth().api.getSession({
    headers: fromNodeHeaders(req.headers),
    returnHeaders: true,
  });
  const cookies = headers.getSetCookie();
  if (cookies.length > 0 && !res.headersSent) res.appendHeader("Set-Cookie", cookies);
  return response;
}

/** The acting user of a request, or null when nobody is signed in. */
export async function getActor(req: IncomingMessage, res: ServerResponse): Promise<Actor | null> {
  const session = await readSession(req, res);
  return session ? toActor(session.user) : null;
}
