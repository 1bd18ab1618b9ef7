import type { AuthClient } from "./auth-client";
import { sessionChanged } from "./session-store";

let loading: Promise<AuthClient> | undefined;

/**
 * The auth client, fetched on first use: forms call this when submitted, so the client is not
 * part of their page's first load. The header's account menu has usually loaded it already.
 */
export function loadAuthClient(): Promise<AuthClient> {
  loading ??= import("./auth-client").then(
    (module) => module.authClient,
    (error: unknown) => {
      // A failed download (offline) is retried by the next call rather than remembered.
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/**
 * Reads the session again and resolves once every reader has it: the session store's and
 * better-auth's own (the settings page reads the latter). The client refreshes its session
 * itself after a sign-in, but only a moment later, and not at all after a magic link or a
 * password reset: a page that depends on the session must not be shown before this resolves.
 */
export async function refreshSession(client: AuthClient): Promise<void> {
  const session = client.$store.atoms.session?.get() as { refetch?: () => Promise<void> } | undefined;
  await Promise.all([session?.refetch?.(), sessionChanged()]);
}
