import { PostPage } from "@/components/PostPage";
import { loadStaticPage, staticPathsOnDemand } from "@/lib/page-props";
import { loadPostWithComments } from "@/server/page-data";

// Served static, revalidated by the writes that change the post or its comments; its further
// comment pages: src/pages/posts/[id]/comments.tsx.
export const getStaticPaths = staticPathsOnDemand;
export const getStaticProps = loadStaticPage(({ id }) => loadPostWithComments({ id }));

export default PostPage;
