import type { InferGetServerSidePropsType } from "next";
import { Avatar } from "@/components/Avatar";
import { ErrorState } from "@/components/ErrorState";
import { Layout } from "@/components/Layout";
import { pageHref, Pagination } from "@/components/Pagination";
import { PostList } from "@/components/PostList";
import { formatDate, plural } from "@/lib/format";
import { HTTP_CACHE } from "@/lib/http-cache";
import { loadPage } from "@/lib/page-props";
import { parseInput } from "@/lib/validation";
import { zPostsByAuthorInput } from "@/modules/posts/posts.types";
import type { UserRole } from "@/modules/users/users.types";
import { getServices } from "@/server/services";

const ROLE_LABELS: Record<UserRole, string> = { member: "Member", admin: "Admin" };

export const getServerSideProps = loadPage(
  async ({ query }) => {
    const { id, ...page } = query;
    const input = parseInput(zPostsByAuthorInput, { ...page, userId: id });
    const services = getServices();
    const profile = await services.users.getProfile(input.userId);
    const posts = await services.posts.getPostsByAuthor(input);
    return { profile, posts };
  },
  { cacheControl: HTTP_CACHE.minutes },
);

export default function ProfilePage({ data, error }: InferGetServerSidePropsType<typeof getServerSideProps>) {
  if (error) {
    return (
      <Layout title="Profile" description="A member and their posts.">
        <ErrorState error={error} />
      </Layout>
    );
  }
  const { profile, posts } = data;
  return (
    <Layout title={profile.name} description={`Posts by ${profile.name}.`}>
      <header className="profile">
        <Avatar userId={profile.id} size={64} preload />
        <div>
          <h1>{profile.name}</h1>
          <p className="meta">
            {ROLE_LABELS[profile.role]} · joined{" "}
            <time dateTime={profile.createdAt}>{formatDate(profile.createdAt)}</time> ·{" "}
            {plural(profile.postCount, "post")}
          </p>
        </div>
      </header>
      <PostList posts={posts.items} showAuthor={false} />
      <Pagination
        label="Profile pages"
        page={posts.page}
        totalPages={posts.totalPages}
        hrefFor={(page) => pageHref(`/users/${profile.id}`, { page })}
      />
    </Layout>
  );
}
