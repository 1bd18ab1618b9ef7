import { Link } from "@/components/Link";
import { signInHref } from "@/lib/auth/redirect-path";
import { useSession } from "@/lib/auth/session-store";
import { ResendVerification } from "./ResendVerification";

/**
 * /verify-email without a usable link: what this visitor can do, from their session. Loaded in
 * the browser only (it depends on the viewer).
 */
export default function VerificationStatus() {
  const { user, isPending } = useSession();
  if (isPending) return null;
  if (!user) {
    return (
      <p>
        Links work once, for an hour. To get a new one, <Link href={signInHref("/verify-email")}>sign in</Link>: this
        page then offers to send it again.
      </p>
    );
  }
  if (user.emailVerified) {
    return (
      <p>
        Your address <strong>{user.email}</strong> is confirmed: you can write. <Link href="/">Go to the feed</Link>.
      </p>
    );
  }
  return (
    <>
      <p>
        We sent a link to <strong>{user.email}</strong>. Open it to confirm your address and start writing.
      </p>
      <ResendVerification email={user.email} />
    </>
  );
}
