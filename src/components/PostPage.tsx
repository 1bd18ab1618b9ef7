import dynamic from "next/dynamic";
import { Link } from "@/components/Link";
import { Avatar } from "@/components/Avatar";
import { ErrorState } from "@/components/ErrorState";
import { Layout } from "@/components/Layout";
import { listPageHref, Pagination } from "@/components/Pagination";
import { formatDate, plural } from "@/lib/format";
import type { PageProps } from "@/lib/page-props";
import type { PostWithComments } from "@/server/page-data";

// What depends on the viewer (edit and delete buttons, the comment form) is loaded and
// rendered in the browser, in places that move nothing when they fill in: the page stays the
// same HTML for every visitor (ADR 0097), which is what lets it be static.
const PostOwnerTools = dynamic(() => import("@/components/posts/PostOwnerTools"), { ssr: false });
const CommentTools = dynamic(() => import("@/components/posts/CommentTools"), { ssr: false });
const CommentComposer = dynamic(() => import("@/components/posts/CommentComposer"), { ssr: false });

/**
 * A post and a page of its comments: static for the first page, rendered for the others.
 */
export function PostPage({ data, error }: PageProps<PostWithComments>) {
  if (error) {
    return (
      <Layout title="Post" description="A post and its comments.">
        <ErrorState error={error} />
      </Layout>
    );
  }
  const { post, comments } = data;
  const commentsHref = listPageHref(`/posts/${post.id}`, `/posts/${post.id}/comments`);
  return (
    <Layout title={post.title} description={`${post.title}, by ${post.author.name}.`}>
      <article className="post">
        <h1>{post.title}</h1>
        <p className="meta byline">
          <Avatar userId={post.author.id} size={32} preload />
          By <Link href={`/users/${post.author.id}`}>{post.author.name}</Link> ·{" "}
          <time dateTime={post.createdAt}>{formatDate(post.createdAt)}</time>
        </p>
        <p className="post-body">{post.body}</p>
        <div className="post-tools">
          <PostOwnerTools postId={post.id} authorId={post.author.id} />
        </div>
      </article>
      <section aria-labelledby="comments-heading" className="comments">
        <h2 id="comments-heading" tabIndex={-1}>
          {plural(post.commentCount, "comment")}
        </h2>
        {comments.items.length === 0 ? (
          <p className="empty">No comments yet.</p>
        ) : (
          <ol className="comment-list">
            {comments.items.map((comment) => (
              <li key={comment.id} className="comment">
                <div>
                  <p className="meta byline">
                    <Avatar userId={comment.author.id} size={24} />
                    <Link href={`/users/${comment.author.id}`}>{comment.author.name}</Link> ·{" "}
                    <time dateTime={comment.createdAt}>{formatDate(comment.createdAt)}</time>
                  </p>
                  <p>{comment.body}</p>
                </div>
                <div className="comment-tools">
                  <CommentTools
                    commentId={comment.id}
                    authorName={comment.author.name}
                    ownerIds={[comment.author.id, post.author.id]}
                  />
                </div>
              </li>
            ))}
          </ol>
        )}
        <Pagination
          label="Comment pages"
          page={comments.page}
          totalPages={comments.totalPages}
          hrefFor={commentsHref}
        />
        <div className="comment-slot">
          <CommentComposer
            postId={post.id}
            lastPageHref={comments.page < comments.totalPages ? commentsHref(comments.totalPages) : undefined}
          />
        </div>
      </section>
    </Layout>
  );
}
