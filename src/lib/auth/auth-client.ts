import { inferAdditionalFields, magicLinkClient } from "better-auth/client/plugins";
import { createAuthClient } from "better-auth/react";
import { USER_ADDITIONAL_FIELDS } from "./user-fields";

// better-auth's browser client, on this origin's /api/auth. About 12 kB gzipped: pages never
// import it directly but through next/dynamic or loadAuthClient() (src/lib/auth/load-auth-client.ts),
// so it stays out of every page's first-load JavaScript (docs/performance.md).
export const authClient = createAuthClient({
  basePath: "/api/auth",
  plugins: [magicLinkClient(), inferAdditionalFields({ user: USER_ADDITIONAL_FIELDS })],
});

export type AuthClient = typeof authClient;
