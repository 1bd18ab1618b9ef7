import { Link } from "@/components/Link";
import { useState, type FormEvent } from "react";
import { Field, FormMessages, SubmitButton } from "@/components/account/FormParts";
import { fieldValue, useAuthAction } from "@/components/account/use-auth-action";
import { Layout } from "@/components/Layout";

export default function ForgotPasswordPage() {
  const request = useAuthAction();
  const [sentTo, setSentTo] = useState("");

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = fieldValue(event.currentTarget, "email");
    setSentTo("");
    const result = await request.run((client) => client.requestPasswordReset({ email }));
    if (!result.error) setSentTo(email);
  }

  // The answer is the same whether or not the address has an account: this page must not tell
  // a stranger who is registered.
  const status = sentTo
    ? `If an account uses ${sentTo}, we sent it a link to choose a new password. It works once, for an hour.`
    : "";
  return (
    <Layout title="Forgot your password?" description="Get a link by email to choose a new password.">
      <section className="account">
        <h1>Forgot your password?</h1>
        <p>Enter the address you signed up with: we will email you a link to choose a new password.</p>
        <form method="post" className="account-form" onSubmit={submit} aria-busy={request.pending}>
          <Field id="email" label="Email" type="email" autoComplete="email" required />
          <div className="form-actions">
            <SubmitButton pending={request.pending} busyText="Sending…">
              Email me a link
            </SubmitButton>
          </div>
          <FormMessages error={request.error} status={status} />
        </form>
        <p>
          Remembered it? <Link href="/sign-in">Sign in</Link>.
        </p>
      </section>
    </Layout>
  );
}
