import { Link } from "@/components/Link";
import { useRouter } from "next/router";
import { useState, type FormEvent } from "react";
import { FormMessages, SubmitButton } from "@/components/account/FormParts";
import { signInHref } from "@/lib/auth/redirect-path";
import { COMMENT_MAX_LENGTH } from "@/modules/comments/comment.limits";
import { reloadAfterWrite } from "./after-write";
import { useViewer } from "./use-viewer";
import { useWrite } from "./use-write";

interface CommentComposerProps {
  postId: number;
  /** Where new comments are (the last page of comments), when it is not this page. */
  lastPageHref?: string;
}

/**
 * The comment form under a post, for a confirmed user; anyone else is told how to get there.
 * Browser only (ADR 0097), in a space reserved at the form's height.
 */
export default function CommentComposer({ postId, lastPageHref }: CommentComposerProps) {
  const router = useRouter();
  const { pending, user, actor } = useViewer();
  const write = useWrite();
  const [posted, setPosted] = useState(false);

  if (pending) return null;
  if (!user || !actor) {
    return (
      <p>
        <Link href={signInHref(router.asPath)}>Sign in</Link> or <Link href="/sign-up">create an account</Link> to
        comment.
      </p>
    );
  }
  if (!actor.emailVerified) {
    return (
      <p>
        Confirm your email address to comment: we sent a link to <strong>{user.email}</strong>.
      </p>
    );
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const body = new FormData(form).get("comment-body");
    setPosted(false);
    const ok = await write.run(
      (trpc) => trpc.comments.create.mutate({ postId, body: typeof body === "string" ? body : "" }),
      () => reloadAfterWrite(router),
    );
    if (ok) {
      form.reset();
      setPosted(true);
    }
  }

  return (
    <form method="post" className="comment-form" onSubmit={submit} aria-busy={write.pending}>
      <div className="field">
        <label htmlFor="comment-body">Your comment</label>
        <textarea
          id="comment-body"
          name="comment-body"
          rows={4}
          required
          maxLength={COMMENT_MAX_LENGTH}
          aria-invalid={write.invalidFields.includes("body") || undefined}
        />
      </div>
      <div className="form-actions">
        <SubmitButton pending={write.pending} busyText="Posting…">
          Post the comment
        </SubmitButton>
      </div>
      <FormMessages
        error={write.error}
        status={
          posted
            ? lastPageHref
              ? "Your comment is posted, on the last page of comments."
              : "Your comment is posted."
            : ""
        }
      />
      {posted && lastPageHref && <Link href={lastPageHref}>See it on the last page</Link>}
    </form>
  );
}
