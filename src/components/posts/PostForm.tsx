import { Link } from "@/components/Link";
import type { FormEvent } from "react";
import { Field, FormMessages, SubmitButton } from "@/components/account/FormParts";
import { fieldValue } from "@/components/account/use-auth-action";
import { BODY_MAX_LENGTH, TITLE_MAX_LENGTH } from "@/modules/posts/post.limits";

export interface PostDraft {
  title: string;
  body: string;
}

interface PostFormProps {
  /** The post being edited; empty fields for a new one. */
  initial?: PostDraft;
  submitLabel: string;
  busyText: string;
  /** Where "Cancel" goes. */
  cancelHref: string;
  /** From useWrite(): the write in flight, its failure, the fields it refused. */
  write: { pending: boolean; error: string; invalidFields: string[] };
  /** Shown but not usable yet (the page still reads who is looking). */
  locked?: boolean;
  onSubmit: (draft: PostDraft) => void;
}

/** The title and text of a post, new or edited; the page decides what submitting does. */
export function PostForm({
  initial,
  submitLabel,
  busyText,
  cancelHref,
  write,
  locked = false,
  onSubmit,
}: PostFormProps) {
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    onSubmit({ title: fieldValue(form, "title"), body: fieldValue(form, "body") });
  }
  const invalid = (name: string) => write.invalidFields.includes(name) || undefined;
  return (
    <form method="post" className="post-form" onSubmit={submit} aria-busy={write.pending || locked}>
      <fieldset disabled={locked}>
        <Field
          id="title"
          label="Title"
          type="text"
          autoComplete="off"
          required
          maxLength={TITLE_MAX_LENGTH}
          defaultValue={initial?.title}
          aria-invalid={invalid("title")}
        />
        <div className="field">
          <label htmlFor="body">Text</label>
          <textarea
            id="body"
            name="body"
            rows={12}
            required
            maxLength={BODY_MAX_LENGTH}
            defaultValue={initial?.body}
            aria-invalid={invalid("body")}
          />
        </div>
        <div className="form-actions">
          <SubmitButton pending={write.pending} busyText={busyText}>
            {submitLabel}
          </SubmitButton>
          <Link href={cancelHref}>Cancel</Link>
        </div>
      </fieldset>
      <FormMessages error={write.error} />
    </form>
  );
}
