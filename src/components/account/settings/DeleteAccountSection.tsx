import { useState, type FormEvent } from "react";
import { Field, FocusedHeading, FormMessages, SubmitButton, useHydrated } from "../FormParts";
import { fieldValue, useAuthAction } from "../use-auth-action";

interface DeleteAccountSectionProps {
  /** Whether the account has a password, which then confirms the deletion; undefined while unknown. */
  hasPassword?: boolean;
  onDeleted: () => void;
}

export function DeleteAccountSection({ hasPassword, onDeleted }: DeleteAccountSectionProps) {
  const hydrated = useHydrated();
  const remove = useAuthAction();
  const [confirming, setConfirming] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = hasPassword ? fieldValue(event.currentTarget, "delete-password") : undefined;
    const result = await remove.run((client) => client.deleteUser(password ? { password } : {}));
    if (!result.error) onDeleted();
  }

  return (
    <section className="settings-section danger-zone" aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete your account</h2>
      <p>This deletes your account, every post and comment you wrote, and signs you out everywhere.</p>
      {confirming ? (
        <form method="post" className="account-form" onSubmit={submit} aria-busy={remove.pending}>
          <FocusedHeading level={3}>This cannot be undone</FocusedHeading>
          {hasPassword && (
            <Field
              id="delete-password"
              label="Your password, to confirm"
              type="password"
              autoComplete="current-password"
              required
            />
          )}
          <div className="form-actions">
            <SubmitButton pending={remove.pending} busyText="Deleting…" disabled={hasPassword === undefined} danger>
              Delete my account for good
            </SubmitButton>
            <button
              type="button"
              className="button-link"
              onClick={() => setConfirming(false)}
              disabled={remove.pending}
            >
              Keep my account
            </button>
          </div>
          <FormMessages error={remove.error} />
        </form>
      ) : (
        <button type="button" className="button button-danger" disabled={!hydrated} onClick={() => setConfirming(true)}>
          Delete my account…
        </button>
      )}
    </section>
  );
}
