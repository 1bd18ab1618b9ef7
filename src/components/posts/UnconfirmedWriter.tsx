import { ResendVerification } from "@/components/account/ResendVerification";

/**
 * Why a signed-in user whose email is not confirmed cannot write yet, with a new link. A module
 * of its own: the edit page's first load takes it without the auth client (`useViewer`).
 */
export function UnconfirmedWriter({ email }: { email: string }) {
  return (
    <div className="write-blocked">
      <p>
        Confirm your email address to start writing: we sent a link to <strong>{email}</strong>. Open it, then come back
        to this page.
      </p>
      <ResendVerification email={email} label="Send the confirmation email again" />
    </div>
  );
}
