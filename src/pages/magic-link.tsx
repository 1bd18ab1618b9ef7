import { Link } from "@/components/Link";
import { useRouter } from "next/router";
import type { FormEvent } from "react";
import { FormMessages, SubmitButton } from "@/components/account/FormParts";
import { useAuthAction } from "@/components/account/use-auth-action";
import { usePageToken } from "@/components/account/use-page-token";
import { Layout } from "@/components/Layout";
import { refreshSession } from "@/lib/auth/load-auth-client";
import { sameOriginPath } from "@/lib/auth/redirect-path";

// The sign-in email links here; the token is spent by the click, never by opening the page
// (docs/decisions/0098-token-links-ask-for-a-click.md). The link carries the sign-in page's
// `?next=`, followed after signing in when it is a path on this site.
export default function MagicLinkPage() {
  const router = useRouter();
  const { ready, token } = usePageToken();
  const signIn = useAuthAction();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await signIn.run(async (client) => {
      // Without a callbackURL, better-auth answers a valid link with JSON and redirects on a bad
      // one: a redirect (not followed) is the failure.
      const answer = await client.magicLink.verify({ query: { token }, fetchOptions: { redirect: "manual" } });
      if (answer.error) return { data: null, error: { code: "INVALID_TOKEN" } };
      await refreshSession(client);
      return answer;
    });
    if (!result.error) await router.push(sameOriginPath(router.query.next));
  }

  const missing = ready && !token;
  return (
    <Layout title="Sign in with your link" description="Finish signing in with the link we emailed you.">
      <section className="account">
        <h1>Sign in with your link</h1>
        <div className="token-panel">
          {missing ? (
            <p>This page signs you in from the link in the email we sent you.</p>
          ) : (
            <p>One click signs you in as the owner of the address this link was sent to.</p>
          )}
          <form method="post" className="account-form" onSubmit={submit} aria-busy={signIn.pending}>
            <div className="form-actions">
              <SubmitButton pending={signIn.pending} busyText="Signing in…" disabled={!token}>
                Sign in
              </SubmitButton>
            </div>
            <FormMessages error={signIn.error} />
          </form>
          <p>
            Links work once, for 15 minutes. <Link href="/sign-in">Get a new link</Link>.
          </p>
        </div>
      </section>
    </Layout>
  );
}
