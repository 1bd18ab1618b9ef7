import type { InferGetStaticPropsType } from "next";
import { Layout } from "@/components/Layout";
import { EditPostPanel } from "@/components/posts/EditPostPanel";
import { loadStaticPage, staticPathsOnDemand } from "@/lib/page-props";
import { loadPostToEdit } from "@/server/page-data";

// Static like the post's own page, and revalidated by the same writes (src/lib/revalidation.ts):
// the form is in the first paint with the post's text. Who may use it is read in the browser.
export const getStaticPaths = staticPathsOnDemand;
export const getStaticProps = loadStaticPage(({ id }) => loadPostToEdit({ id }));

export default function EditPostPage({ data }: InferGetStaticPropsType<typeof getStaticProps>) {
  return (
    <Layout title="Edit a post" description="Change the title or the text of a post.">
      <section className="write">
        <h1>Edit a post</h1>
        <div className="write-panel">
          <EditPostPanel post={data} />
        </div>
      </section>
    </Layout>
  );
}
