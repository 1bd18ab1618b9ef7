import { Link } from "@/components/Link";
import { useState, type FormEvent } from "react";
import { Field, FocusedHeading, FormMessages, NewPasswordField, SubmitButton } from "@/components/account/FormParts";
import { fieldValue, useAuthAction } from "@/components/account/use-auth-action";
import { usePageToken } from "@/components/account/use-page-token";
import { Layout } from "@/components/Layout";
import { refreshSession } from "@/lib/auth/load-auth-client";

// The password-reset email links here (docs/decisions/0098-token-links-ask-for-a-click.md).
export default function ResetPasswordPage() {
  const { ready, token } = usePageToken();
  const reset = useAuthAction();
  const [done, setDone] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const newPassword = fieldValue(form, "password");
    if (newPassword !== fieldValue(form, "confirm")) {
      reset.setError("The two passwords are not the same.");
      return;
    }
    const result = await reset.run(async (client) => {
      const answer = await client.resetPassword({ newPassword, token });
      // The server signed out every session of the account, this browser's included.
      if (!answer.error) await refreshSession(client);
      return answer;
    });
    if (!result.error) setDone(true);
  }

  return (
    <Layout title="Choose a new password" description="Choose a new password for your account.">
      <section className="account">
        <h1>Choose a new password</h1>
        {done ? (
          <div className="account-result">
            <FocusedHeading>Your password is changed</FocusedHeading>
            <p>For your safety, every device that was signed in to your account has been signed out.</p>
            <p>
              <Link href="/sign-in">Sign in with your new password</Link>.
            </p>
          </div>
        ) : (
          <form method="post" className="account-form" onSubmit={submit} aria-busy={reset.pending}>
            <NewPasswordField id="password" label="New password" />
            <Field id="confirm" label="The same password again" type="password" autoComplete="new-password" required />
            <div className="form-actions">
              <SubmitButton pending={reset.pending} busyText="Saving…" disabled={!token}>
                Save my new password
              </SubmitButton>
            </div>
            <FormMessages error={ready && !token ? "This page needs the link from your email." : reset.error} />
            <p>
              Link expired or already used? <Link href="/forgot-password">Ask for a new one</Link>.
            </p>
          </form>
        )}
      </section>
    </Layout>
  );
}
