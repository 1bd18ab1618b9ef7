import { Link } from "@/components/Link";
import { useState, type FormEvent } from "react";
import { Field, FocusedHeading, FormMessages, NewPasswordField, SubmitButton } from "@/components/account/FormParts";
import { fieldValue, useAuthAction } from "@/components/account/use-auth-action";
import { Layout } from "@/components/Layout";

export default function SignUpPage() {
  const signUp = useAuthAction();
  const [sentTo, setSentTo] = useState("");

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const email = fieldValue(form, "email");
    const result = await signUp.run((client) =>
      client.signUp.email({ name: fieldValue(form, "name"), email, password: fieldValue(form, "password") }),
    );
    if (!result.error) setSentTo(email);
  }

  return (
    <Layout title="Create an account" description="Create an account to write posts and comments.">
      <section className="account">
        <h1>Create an account</h1>
        {sentTo ? (
          <div className="account-result">
            <FocusedHeading>Check your inbox</FocusedHeading>
            <p>
              We sent a link to <strong>{sentTo}</strong>. Open it to confirm your address: until then you can read, but
              not write. The link works for an hour.
            </p>
            <p>
              No email? Look in your spam folder, or <Link href="/verify-email">send it again</Link>.
            </p>
          </div>
        ) : (
          <form method="post" className="account-form" onSubmit={submit} aria-busy={signUp.pending}>
            <Field id="name" label="Name" type="text" autoComplete="name" required maxLength={100} />
            <Field id="email" label="Email" type="email" autoComplete="email" required />
            <NewPasswordField id="password" label="Password" />
            <div className="form-actions">
              <SubmitButton pending={signUp.pending} busyText="Creating your account…">
                Create my account
              </SubmitButton>
            </div>
            <FormMessages error={signUp.error} />
            <p>
              Already have an account? <Link href="/sign-in">Sign in</Link>.
            </p>
          </form>
        )}
      </section>
    </Layout>
  );
}
