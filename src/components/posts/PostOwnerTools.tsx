import { Link } from "@/components/Link";
import { useRouter } from "next/router";
import { mayChange } from "@/modules/users/user.permissions";
import { showAfterWrite } from "./after-write";
import { DeleteButton } from "./DeleteButton";
import { useViewer } from "./use-viewer";

/** Edit and delete, on the post's page, for its author or an admin. Browser only (ADR 0097). */
export default function PostOwnerTools({ postId, authorId }: { postId: number; authorId: number }) {
  const router = useRouter();
  const { actor } = useViewer();
  if (!actor || !mayChange(actor, [authorId])) return null;
  return (
    <span className="owner-tools">
      <Link href={`/posts/${postId}/edit`} className="button-small">
        Edit<span className="visually-hidden"> this post</span>
      </Link>
      <DeleteButton
        what="this post"
        remove={(trpc) => trpc.posts.delete.mutate({ id: postId })}
        then={() => showAfterWrite(router, "/")}
      />
    </span>
  );
}
