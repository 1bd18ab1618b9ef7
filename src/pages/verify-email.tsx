import dynamic from "next/dynamic";
import { Link } from "@/components/Link";
import { useState, type FormEvent } from "react";
import { FocusedHeading, FormMessages, SubmitButton } from "@/components/account/FormParts";
import { useAuthAction } from "@/components/account/use-auth-action";
import { usePageToken } from "@/components/account/use-page-token";
import { Layout } from "@/components/Layout";

// The verification email links here. Opening the page spends nothing: mail scanners open
// links, so the token is used only when the person clicks (docs/decisions/0098-token-links-ask-for-a-click.md).
const VerificationStatus = dynamic(() => import("@/components/account/VerificationStatus"), { ssr: false });

export default function VerifyEmailPage() {
  const { ready, token } = usePageToken();
  const confirm = useAuthAction();
  const [outcome, setOutcome] = useState<"confirmed" | "failed" | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await confirm.run((client) => client.verifyEmail({ query: { token } }));
    setOutcome(result.error ? "failed" : "confirmed");
  }

  return (
    <Layout title="Confirm your email" description="Confirm your email address to start writing.">
      <section className="account">
        <h1>Confirm your email</h1>
        <div className="token-panel">
          {outcome === "confirmed" ? (
            <div className="account-result">
              <FocusedHeading>Your email is confirmed</FocusedHeading>
              <p>You are signed in, and you can now write posts and comments.</p>
              <p>
                <Link href="/posts/new">Write your first post</Link> or <Link href="/">read the feed</Link>.
              </p>
            </div>
          ) : ready && !token ? (
            <>
              <p>This page confirms your address from the link in the email we sent you.</p>
              <VerificationStatus />
            </>
          ) : (
            <>
              <p>One click confirms the address this link was sent to.</p>
              <form method="post" className="account-form" onSubmit={submit} aria-busy={confirm.pending}>
                <div className="form-actions">
                  <SubmitButton pending={confirm.pending} busyText="Confirming…" disabled={!token}>
                    Confirm my email
                  </SubmitButton>
                </div>
                <FormMessages error={confirm.error} />
              </form>
              {outcome === "failed" && <VerificationStatus />}
            </>
          )}
        </div>
      </section>
    </Layout>
  );
}
