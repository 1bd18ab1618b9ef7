import { useState } from "react";
import { FormMessages, useHydrated } from "./FormParts";
import { useAuthAction } from "./use-auth-action";

/** "Send the email again" for a signed-in user whose address is not confirmed yet. */
export function ResendVerification({ email, label = "Send the email again" }: { email: string; label?: string }) {
  const hydrated = useHydrated();
  const resend = useAuthAction();
  const [sent, setSent] = useState(false);

  async function send() {
    setSent(false);
    const result = await resend.run((client) => client.sendVerificationEmail({ email }));
    if (!result.error) setSent(true);
  }

  return (
    <div className="resend">
      <button type="button" className="button-link" onClick={() => void send()} disabled={!hydrated || resend.pending}>
        {resend.pending ? "Sending…" : label}
      </button>
      <FormMessages error={resend.error} status={sent ? `Sent to ${email}: check your inbox.` : ""} />
    </div>
  );
}
