import { useRouter } from "next/router";
import { useEffect, type ReactNode } from "react";
import { signInHref } from "@/lib/auth/redirect-path";
import type { Actor } from "@/modules/users/user.types";
import { UnconfirmedWriter } from "./UnconfirmedWriter";
import { useViewer } from "./use-viewer";

/**
 * What a write page shows before its form: nothing while the session is read, a trip to sign
 * in (and back) for a visitor, and for a user whose email is not confirmed yet, why they cannot
 * write and a new link. The services refuse the same writes (ADR 0094); this only says so first.
 */
export function WriterGate({ back, children }: { back: string; children: (writer: Actor) => ReactNode }) {
  const router = useRouter();
  const { pending, user, actor } = useViewer();
  const signedOut = !pending && !user;

  useEffect(() => {
    if (signedOut) void router.replace(signInHref(back));
  }, [signedOut, back, router]);

  if (!user || !actor) return <p aria-busy="true">Loading…</p>;
  if (!actor.emailVerified) return <UnconfirmedWriter email={user.email} />;
  return children(actor);
}
