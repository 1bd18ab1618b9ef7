import type { InferGetServerSidePropsType } from "next";
import { ErrorState } from "@/components/ErrorState";
import { Layout } from "@/components/Layout";
import { pageHref, Pagination } from "@/components/Pagination";
import { PostList } from "@/components/PostList";
import { HTTP_CACHE } from "@/lib/http-cache";
import { loadPage } from "@/lib/page-props";
import { parseInput } from "@/lib/validation";
import { zFeedInput } from "@/modules/posts/posts.types";
import { getServices } from "@/server/services";

export const getServerSideProps = loadPage(
  ({ query }) => getServices().posts.getFeedPage(parseInput(zFeedInput, query)),
  { cacheControl: HTTP_CACHE.minutes },
);

export default function FeedPage({ data, error }: InferGetServerSidePropsType<typeof getServerSideProps>) {
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
            hrefFor={(page) => pageHref("/", { page })}
          />
        </>
      )}
    </Layout>
  );
}
