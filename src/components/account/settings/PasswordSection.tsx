import { Link } from "@/components/Link";
import { useState, type FormEvent } from "react";
import { Field, FormMessages, NewPasswordField, SubmitButton } from "../FormParts";
import { fieldValue, useAuthAction } from "../use-auth-action";

/** `hasPassword` is undefined while unknown (the account list is loading). */
export function PasswordSection({ hasPassword, onChanged }: { hasPassword?: boolean; onChanged: () => void }) {
  const change = useAuthAction();
  const [done, setDone] = useState("");

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const revokeOtherSessions = new FormData(form).get("revoke-others") === "on";
    setDone("");
    const result = await change.run((client) =>
      client.changePassword({
        currentPassword: fieldValue(form, "current-password"),
        newPassword: fieldValue(form, "new-password"),
        revokeOtherSessions,
      }),
    );
    if (result.error) return;
    form.reset();
    setDone(
      revokeOtherSessions
        ? "Your password is changed, and your other devices are signed out."
        : "Your password is changed.",
    );
    onChanged();
  }

  return (
    <section className="settings-section" aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      {hasPassword === false ? (
        <p>
          You sign in with email links and have no password. To set one, use{" "}
          <Link href="/forgot-password">Forgot your password?</Link>
        </p>
      ) : (
        <form method="post" className="account-form" onSubmit={submit} aria-busy={change.pending}>
          <Field
            id="current-password"
            label="Current password"
            type="password"
            autoComplete="current-password"
            required
          />
          <NewPasswordField id="new-password" label="New password" />
          <div className="check">
            <input id="revoke-others" name="revoke-others" type="checkbox" defaultChecked />
            <label htmlFor="revoke-others">Sign out my other devices</label>
          </div>
          <div className="form-actions">
            <SubmitButton pending={change.pending} busyText="Saving…" disabled={hasPassword === undefined}>
              Change my password
            </SubmitButton>
          </div>
          <FormMessages error={change.error} status={done} />
        </form>
      )}
    </section>
  );
}
