import { useRouter } from "next/router";
import { useEffect } from "react";
import { signInHref } from "@/lib/auth/redirect-path";
import { mayChange } from "@/modules/users/user.permissions";
import { useViewer } from "./use-viewer";

/** What the viewer may do on a post's edit page, once the session is read. */
export type EditAccess =
  { kind: "checking" } | { kind: "allowed" } | { kind: "unconfirmed"; email: string } | { kind: "refused" };

interface EditAccessCheckProps {
  authorId: number;
  /** Where signing in leads back to. */
  back: string;
  onAccess: (access: EditAccess) => void;
}

/**
 * Reads the session (in the browser only, with the auth client's chunk) and tells the edit page
 * what the viewer may do, by the services' own rule (`mayChange`); sends a visitor to sign in.
 * Renders nothing.
 */
export default function EditAccessCheck({ authorId, back, onAccess }: EditAccessCheckProps) {
  const router = useRouter();
  const { pending, user, actor } = useViewer();
  const email = user?.email ?? "";
  const kind: EditAccess["kind"] =
    pending || !actor
      ? "checking"
      : !actor.emailVerified
        ? "unconfirmed"
        : mayChange(actor, [authorId])
          ? "allowed"
          : "refused";
  const signedOut = !pending && !user;

  useEffect(() => {
    if (signedOut) void router.replace(signInHref(back));
  }, [signedOut, back, router]);

  useEffect(() => {
    onAccess(kind === "unconfirmed" ? { kind, email } : { kind });
  }, [kind, email, onAccess]);

  return null;
}
