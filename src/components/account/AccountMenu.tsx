import { Link } from "@/components/Link";
import { useRouter } from "next/router";
import { createPortal } from "react-dom";
import { signInHref } from "@/lib/auth/redirect-path";
import { useSession } from "@/lib/auth/session-store";
import { ResendVerification } from "./ResendVerification";
import { UserMenu } from "./UserMenu";

// Pages where a link back after signing in would be pointless: the account pages themselves.
const ACCOUNT_PAGES = new Set(["/sign-in", "/sign-up", "/forgot-password", "/reset-password", "/magic-link"]);
// Pages that say themselves why an unconfirmed user cannot write yet, with the same button.
const EXPLAINED_UNVERIFIED = new Set(["/verify-email", "/posts/new", "/posts/[id]/edit"]);

/**
 * The header's account area, rendered in the browser from the session (docs/decisions/0097-viewer-ui-renders-on-the-client.md):
 * the server sends every visitor the same HTML, with this slot empty and its size reserved.
 */
export default function AccountMenu() {
  const router = useRouter();
  const { user, isPending } = useSession();
  if (isPending) return null;
  if (!user) {
    const back = ACCOUNT_PAGES.has(router.pathname) ? "/" : router.asPath;
    return (
      <ul className="account-links">
        <li>
          <Link href={signInHref(back)}>Sign in</Link>
        </li>
        <li>
          <Link href="/sign-up" className="button-outline">
            Sign up
          </Link>
        </li>
      </ul>
    );
  }
  return (
    <>
      <UserMenu name={user.name || user.email} isAdmin={user.role === "admin"} />
      {!user.emailVerified &&
        !EXPLAINED_UNVERIFIED.has(router.pathname) &&
        createPortal(<UnverifiedNotice email={user.email} />, document.body)}
    </>
  );
}

/** Why this user cannot write yet, kept in view at the bottom of every page until they confirm. */
function UnverifiedNotice({ email }: { email: string }) {
  return (
    <aside className="unverified-notice" aria-label="Email not confirmed">
      <div className="container">
        <p>
          Confirm your email to start writing: we sent a link to <strong>{email}</strong>.
        </p>
        <ResendVerification email={email} label="Resend the email" />
      </div>
    </aside>
  );
}
