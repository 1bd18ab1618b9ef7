import { Avatar } from "@/components/Avatar";
import { ErrorState } from "@/components/ErrorState";
import { Layout } from "@/components/Layout";
import { listPageHref, Pagination } from "@/components/Pagination";
import { PostList } from "@/components/PostList";
import { formatDate, plural } from "@/lib/format";
import type { PageProps } from "@/lib/page-props";
import type { UserRole } from "@/modules/users/user.types";
import type { ProfileWithPosts } from "@/server/page-data";

const ROLE_LABELS: Record<UserRole, string> = { member: "Member", admin: "Admin" };

/** A member and a page of their posts: static for the first page, rendered for the others. */
export function ProfilePage({ data, error }: PageProps<ProfileWithPosts>) {
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
        hrefFor={listPageHref(`/users/${profile.id}`, `/users/${profile.id}/posts`)}
      />
    </Layout>
  );
}
