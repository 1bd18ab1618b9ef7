import type { AuthClient } from "./auth-client";

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
 * Reads the session again and resolves once every useSession() has it. better-auth's client
 * refreshes the session itself after a sign-in, but only a moment later, and not at all after
 * a magic link or a password reset: a page that depends on the session (settings) must not be
 * shown before this resolves.
 */
export async function refreshSession(client: AuthClient): Promise<void> {
  const session = client.$store.atoms.session?.get() as { refetch?: () => Promise<void> } | undefined;
  await session?.refetch?.();
}
