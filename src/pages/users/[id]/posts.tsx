import { ProfilePage } from "@/components/ProfilePage";
import { HTTP_CACHE } from "@/lib/http-cache";
import { loadPage } from "@/lib/page-props";
import { loadProfileWithPosts } from "@/server/page-data";

// `/users/:id/posts?page=N`: a member's further pages of posts, rendered per request over the app cache.
export const getServerSideProps = loadPage(({ query }) => loadProfileWithPosts(query), {
  cacheControl: HTTP_CACHE.pages,
});

export default ProfilePage;
