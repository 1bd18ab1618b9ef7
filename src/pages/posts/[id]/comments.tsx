import { PostPage } from "@/components/PostPage";
import { HTTP_CACHE } from "@/lib/http-cache";
import { loadPage } from "@/lib/page-props";
import { loadPostWithComments } from "@/server/page-data";

// `/posts/:id/comments?page=N`: a post's further comment pages, rendered per request over the app cache.
export const getServerSideProps = loadPage(({ query }) => loadPostWithComments(query), {
  cacheControl: HTTP_CACHE.pages,
});

export default PostPage;
