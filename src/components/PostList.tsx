import { Link } from "@/components/Link";
import { formatDate, plural } from "@/lib/format";
import type { Serialized } from "@/lib/page-props";
import type { PostSummary } from "@/modules/posts/post.types";

// Its links prefetch on hover only, as every link does (./Link.tsx): in the viewport, 20 posts
// and their authors would be 40 JSON requests per visit.
export function PostList({ posts, showAuthor = true }: { posts: Serialized<PostSummary>[]; showAuthor?: boolean }) {
  if (posts.length === 0) return <p className="empty">No posts yet.</p>;
  return (
    <ol className="post-list">
      {posts.map((post) => (
        <li key={post.id} className="post-card">
          <h2>
            <Link href={`/posts/${post.id}`}>{post.title}</Link>
          </h2>
          <p className="meta">
            {showAuthor && (
              <>
                <Link href={`/users/${post.author.id}`}>{post.author.name}</Link> ·{" "}
              </>
            )}
            <time dateTime={post.createdAt}>{formatDate(post.createdAt)}</time> · {plural(post.commentCount, "comment")}
          </p>
        </li>
      ))}
    </ol>
  );
}
