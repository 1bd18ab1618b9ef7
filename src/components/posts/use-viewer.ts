import { toActor } from "@/lib/auth/actor";
import { authClient } from "@/lib/auth/auth-client";

/**
 * Who is looking, from the browser's session (pages are the same HTML for everyone, ADR 0097):
 * `pending` until the session is read, then the user (or null) and the Actor the services'
 * rules take. Browser-only components use it; the auth client comes with their chunk.
 */
export function useViewer() {
  const { data, isPending } = authClient.useSession();
  const user = data?.user ?? null;
  return { pending: isPending, user, actor: user ? toActor(user) : null };
}
