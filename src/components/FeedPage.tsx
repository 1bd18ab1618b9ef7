import { ErrorState } from "@/components/ErrorState";
import { Layout } from "@/components/Layout";
import { listPageHref, Pagination } from "@/components/Pagination";
import { PostList } from "@/components/PostList";
import type { PageProps } from "@/lib/page-props";
import type { FeedData } from "@/server/page-data";

/** The feed, served static for its first page (src/pages/[[...feed]].tsx) and rendered for the others (src/pages/feed.tsx). */
export function FeedPage({ data, error }: PageProps<FeedData>) {
  return (
    <Layout title="Scale Starter" description="The latest posts, newest first.">
      {error ? (
        <ErrorState error={error} />
      ) : (
        <>
          <h1>Latest posts</h1>
          <PostList posts={data.items} />
          <Pagination
            label="Feed pages"
            page={data.page}
            totalPages={data.totalPages}
            approximate={data.totalIsEstimate}
            hrefFor={listPageHref("/", "/feed")}
          />
        </>
      )}
    </Layout>
  );
}
