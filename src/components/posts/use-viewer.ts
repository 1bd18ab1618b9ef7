import { toActor } from "@/lib/auth/actor";
import { useSession } from "@/lib/auth/session-store";

/**
 * Who is looking, from the browser's session (pages are the same HTML for everyone, ADR 0097):
 * `pending` until the session is read, then the user (or null) and the Actor the services'
 * rules take. Browser-only components use it; it reads the session store, not better-auth's
 * client (ADR 0117).
 */
export function useViewer() {
  const { user, isPending } = useSession();
  return { pending: isPending, user, actor: user ? toActor(user) : null };
}
