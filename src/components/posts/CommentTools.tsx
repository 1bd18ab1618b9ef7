import { useRouter } from "next/router";
import { mayChange } from "@/modules/users/user.permissions";
import { reloadAfterWrite } from "./after-write";
import { DeleteButton } from "./DeleteButton";
import { useViewer } from "./use-viewer";

interface CommentToolsProps {
  commentId: number;
  authorName: string;
  /** The comment's author and the post's: either may delete it, as may an admin. */
  ownerIds: number[];
}

/** Delete, on a comment the viewer may delete. Browser only (ADR 0097). */
export default function CommentTools({ commentId, authorName, ownerIds }: CommentToolsProps) {
  const router = useRouter();
  const { actor } = useViewer();
  if (!actor || !mayChange(actor, ownerIds)) return null;
  return (
    <span className="owner-tools">
      <DeleteButton
        what={`the comment by ${authorName}`}
        remove={(trpc) => trpc.comments.delete.mutate({ id: commentId })}
        then={async () => {
          await reloadAfterWrite(router);
          // The button is gone with its comment: the count in the heading says what happened.
          document.getElementById("comments-heading")?.focus();
        }}
      />
    </span>
  );
}
