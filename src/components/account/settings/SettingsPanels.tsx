import { Link } from "@/components/Link";
import { useRouter } from "next/router";
import { useEffect, useState } from "react";
import { authClient } from "@/lib/auth/auth-client";
import { signInHref } from "@/lib/auth/redirect-path";
import { FocusedHeading } from "../FormParts";
import { DeleteAccountSection } from "./DeleteAccountSection";
import { PasswordSection } from "./PasswordSection";
import { ProfileSection } from "./ProfileSection";
import { SessionsSection } from "./SessionsSection";

/** Whether the account has a password (a "credential" account), or undefined while unknown. */
function useHasPassword(userId: string | undefined): boolean | undefined {
  const [accounts, setAccounts] = useState<{ userId: string; hasPassword: boolean }>();
  useEffect(() => {
    if (!userId) return;
    let current = true;
    authClient.listAccounts().then(({ data }) => {
      if (current && data) setAccounts({ userId, hasPassword: data.some((a) => a.providerId === "credential") });
    });
    return () => {
      current = false;
    };
  }, [userId]);
  return accounts?.userId === userId ? accounts?.hasPassword : undefined;
}

/** The settings of the signed-in user; anyone else is sent to sign in first. Browser only. */
export default function SettingsPanels() {
  const router = useRouter();
  const { data, isPending } = authClient.useSession();
  const [deleted, setDeleted] = useState(false);
  const [sessionsVersion, setSessionsVersion] = useState(0);
  const hasPassword = useHasPassword(data?.user.id);
  const signedOut = !isPending && !data && !deleted;

  useEffect(() => {
    if (signedOut) void router.replace(signInHref("/settings"));
  }, [signedOut, router]);

  if (deleted) {
    return (
      <div className="account-result">
        <FocusedHeading>Your account is deleted</FocusedHeading>
        <p>
          Your posts and comments are gone too. <Link href="/">Back to the feed</Link>.
        </p>
      </div>
    );
  }
  if (!data) return <p aria-busy="true">Loading your settings…</p>;
  return (
    <>
      <ProfileSection user={data.user} />
      <PasswordSection hasPassword={hasPassword} onChanged={() => setSessionsVersion((v) => v + 1)} />
      <SessionsSection currentToken={data.session.token} version={sessionsVersion} />
      <DeleteAccountSection hasPassword={hasPassword} onDeleted={() => setDeleted(true)} />
    </>
  );
}
