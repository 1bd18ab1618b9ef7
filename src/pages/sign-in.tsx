import { Link } from "@/components/Link";
import { useRouter } from "next/router";
import { useRef, useState, type FormEvent } from "react";
import { Field, FormMessages, SubmitButton, useHydrated } from "@/components/account/FormParts";
import { fieldValue, useAuthAction } from "@/components/account/use-auth-action";
import { Layout } from "@/components/Layout";
import { refreshSession } from "@/lib/auth/load-auth-client";
import { sameOriginPath } from "@/lib/auth/redirect-path";

// A static page (the same HTML for everyone); `?next=` is read in the browser, and only a path
// on this site is followed.
export default function SignInPage() {
  const router = useRouter();
  const hydrated = useHydrated();
  const passwordSignIn = useAuthAction();
  const linkRequest = useAuthAction();
  const [linkSentTo, setLinkSentTo] = useState("");
  const formRef = useRef<HTMLFormElement>(null);

  async function signIn(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setLinkSentTo("");
    linkRequest.setError("");
    const result = await passwordSignIn.run(async (client) => {
      const answer = await client.signIn.email({
        email: fieldValue(form, "email"),
        password: fieldValue(form, "password"),
      });
      if (!answer.error) await refreshSession(client);
      return answer;
    });
    if (!result.error) await router.push(sameOriginPath(router.query.next));
  }

  async function emailLink() {
    const email = formRef.current?.elements.namedItem("email");
    if (!(email instanceof HTMLInputElement) || !email.reportValidity()) return;
    setLinkSentTo("");
    passwordSignIn.setError("");
    // The link's page continues to the same `?next=` (src/lib/auth/auth.ts).
    const callbackURL = sameOriginPath(router.query.next);
    const result = await linkRequest.run((client) => client.signIn.magicLink({ email: email.value, callbackURL }));
    if (!result.error) setLinkSentTo(email.value);
  }

  const pending = passwordSignIn.pending || linkRequest.pending;
  return (
    <Layout title="Sign in" description="Sign in with your password, or get a sign-in link by email.">
      <section className="account">
        <h1>Sign in</h1>
        <form ref={formRef} method="post" className="account-form" onSubmit={signIn} aria-busy={pending}>
          <Field id="email" label="Email" type="email" autoComplete="email" required />
          <Field id="password" label="Password" type="password" autoComplete="current-password" required />
          <div className="form-actions">
            <SubmitButton pending={passwordSignIn.pending} busyText="Signing in…">
              Sign in
            </SubmitButton>
            <Link href="/forgot-password">Forgot your password?</Link>
          </div>
          <p className="alternative">
            No password at hand?{" "}
            <button
              type="button"
              className="button-link"
              onClick={() => void emailLink()}
              disabled={!hydrated || pending}
            >
              {linkRequest.pending ? "Sending the link…" : "Email me a sign-in link"}
            </button>
          </p>
          <FormMessages
            error={passwordSignIn.error || linkRequest.error}
            status={
              linkSentTo
                ? `Check your inbox: we sent a sign-in link to ${linkSentTo}. It works once, for 15 minutes.`
                : ""
            }
          />
        </form>
        <p>
          New here? <Link href="/sign-up">Create an account</Link>.
        </p>
      </section>
    </Layout>
  );
}
