import { useState, type FormEvent } from "react";
import { Field, FormMessages, SubmitButton } from "../FormParts";
import { ResendVerification } from "../ResendVerification";
import { fieldValue, useAuthAction } from "../use-auth-action";

interface ProfileUser {
  name: string;
  email: string;
  emailVerified: boolean;
}

export function ProfileSection({ user }: { user: ProfileUser }) {
  const save = useAuthAction();
  const [saved, setSaved] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = fieldValue(event.currentTarget, "name");
    setSaved(false);
    const result = await save.run((client) => client.updateUser({ name }));
    setSaved(!result.error);
  }

  return (
    <section className="settings-section" aria-labelledby="profile-heading">
      <h2 id="profile-heading">Profile</h2>
      <p>
        Email: <strong>{user.email}</strong>{" "}
        {user.emailVerified ? "(confirmed)" : "(not confirmed yet: you can read, but not write)"}
      </p>
      {!user.emailVerified && <ResendVerification email={user.email} label="Send the confirmation email again" />}
      <form method="post" className="account-form" onSubmit={submit} aria-busy={save.pending}>
        <Field
          id="name"
          label="Name"
          type="text"
          autoComplete="name"
          required
          maxLength={100}
          defaultValue={user.name}
        />
        <div className="form-actions">
          <SubmitButton pending={save.pending} busyText="Saving…">
            Save my name
          </SubmitButton>
        </div>
        <FormMessages error={save.error} status={saved ? "Your name is saved." : ""} />
      </form>
    </section>
  );
}
