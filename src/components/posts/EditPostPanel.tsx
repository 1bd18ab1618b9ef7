import dynamic from "next/dynamic";
import { useRouter } from "next/router";
import { useState } from "react";
import { Link } from "@/components/Link";
import type { EditAccess } from "./EditAccessCheck";
import { showAfterWrite } from "./after-write";
import { PostForm, type PostDraft } from "./PostForm";
import { useWrite } from "./use-write";
import { UnconfirmedWriter } from "./UnconfirmedWriter";

/** The post as the edit page's static props carry it. */
export interface EditedPost extends PostDraft {
  id: number;
  authorId: number;
}

// Who is looking is read in the browser (the page is the same HTML for everyone, ADR 0097).
const EditAccessCheck = dynamic(() => import("./EditAccessCheck"), { ssr: false });

/**
 * The edit form, in the page's HTML from the first paint with the post's text, and locked until
 * the session says who is looking: its author or an admin gets it unlocked, anyone else why not,
 * a visitor is sent to sign in. The service decides again when the form is sent (ADR 0094).
 */
export function EditPostPanel({ post }: { post: EditedPost }) {
  const router = useRouter();
  const update = useWrite();
  const [access, setAccess] = useState<EditAccess>({ kind: "checking" });
  const postHref = `/posts/${post.id}`;
  return (
    <>
      <EditAccessCheck authorId={post.authorId} back={`${postHref}/edit`} onAccess={setAccess} />
      {access.kind === "unconfirmed" ? (
        <UnconfirmedWriter email={access.email} />
      ) : access.kind === "refused" ? (
        <div className="write-blocked">
          <p>Only the post&apos;s author or an admin may edit it.</p>
          <p>
            <Link href={postHref}>Back to the post</Link>
          </p>
        </div>
      ) : (
        <PostForm
          initial={post}
          submitLabel="Save the post"
          busyText="Saving…"
          cancelHref={postHref}
          write={update}
          locked={access.kind === "checking"}
          onSubmit={(draft) =>
            void update.run(
              (trpc) => trpc.posts.update.mutate({ id: String(post.id), ...draft }),
              () => showAfterWrite(router, postHref),
            )
          }
        />
      )}
    </>
  );
}
