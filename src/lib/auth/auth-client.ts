import { inferAdditionalFields, magicLinkClient } from "better-auth/client/plugins";
import { createAuthClient } from "better-auth/react";
import { sessionChanged } from "./session-store";
import { USER_ADDITIONAL_FIELDS } from "./user-fields";

// better-auth's browser client, on this origin's /api/auth. About 12 kB gzipped: pages never
// import it directly but through next/dynamic or loadAuthClient() (src/lib/auth/load-auth-client.ts),
// so it stays out of every page's first-load JavaScript (docs/performance.md), and components
// that only need to know who is signed in read the session store (./session-store.ts).
export const authClient = createAuthClient({
  basePath: "/api/auth",
  plugins: [magicLinkClient(), inferAdditionalFields({ user: USER_ADDITIONAL_FIELDS })],
});

export type AuthClient = typeof authClient;

// Once loaded, the client tells when an answer changed the session (a sign-in, a sign-out, a
// change of name, a deletion): the store reads it again, and the page shows it at once.
authClient.$store.listen("$sessionSignal", () => void sessionChanged());
