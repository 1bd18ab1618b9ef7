import { ProfilePage } from "@/components/ProfilePage";
import { loadStaticPage, staticPathsOnDemand } from "@/lib/page-props";
import { loadProfileWithPosts } from "@/server/page-data";

// Served static, revalidated by the writes that change the member's posts; their further
// pages: src/pages/users/[id]/posts.tsx.
export const getStaticPaths = staticPathsOnDemand;
export const getStaticProps = loadStaticPage(({ id }) => loadProfileWithPosts({ id }));

export default ProfilePage;
