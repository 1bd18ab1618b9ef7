import { useRouter } from "next/router";
import { showAfterWrite } from "./after-write";
import { PostForm } from "./PostForm";
import { useWrite } from "./use-write";
import { WriterGate } from "./WriterGate";

/** /posts/new in the browser: the form for a confirmed user, who lands on the post once it is written. */
export default function NewPostPanel() {
  const router = useRouter();
  const create = useWrite();
  return (
    <WriterGate back="/posts/new">
      {() => (
        <PostForm
          submitLabel="Publish"
          busyText="Publishing…"
          cancelHref="/"
          write={create}
          onSubmit={(draft) =>
            void create.run(
              (trpc) => trpc.posts.create.mutate(draft),
              (post) => showAfterWrite(router, `/posts/${post.id}`),
            )
          }
        />
      )}
    </WriterGate>
  );
}
