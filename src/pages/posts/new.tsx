import dynamic from "next/dynamic";
import { Layout } from "@/components/Layout";

// A static shell: who may write is known from the session, in the browser (ADR 0097). The
// panel fills a space reserved at the form's height, so nothing moves when it appears.
const NewPostPanel = dynamic(() => import("@/components/posts/NewPostPanel"), {
  ssr: false,
  loading: () => <p aria-busy="true">Loading…</p>,
});

export default function NewPostPage() {
  return (
    <Layout title="Write a post" description="Write a post for the feed.">
      <section className="write">
        <h1>Write a post</h1>
        <div className="write-panel">
          <NewPostPanel />
        </div>
      </section>
    </Layout>
  );
}
