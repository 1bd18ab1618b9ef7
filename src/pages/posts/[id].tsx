import type { InferGetServerSidePropsType } from "next";
import Link from "next/link";
import { Avatar } from "@/components/Avatar";
import { ErrorState } from "@/components/ErrorState";
import { Layout } from "@/components/Layout";
import { pageHref, Pagination } from "@/components/Pagination";
import { formatDate, plural } from "@/lib/format";
import { HTTP_CACHE } from "@/lib/http-cache";
import { loadPage } from "@/lib/page-props";
import { parseInput } from "@/lib/validation";
import { zCommentsByPostInput } from "@/modules/comments/comments.types";
import { getServices } from "@/server/services";

export const getServerSideProps = loadPage(
  async ({ query }) => {
    const { id, ...page } = query;
    const input = parseInput(zCommentsByPostInput, { ...page, postId: id });
    const services = getServices();
    const post = await services.posts.getPost(input.postId);
    const comments = await services.comments.getCommentsForPost(input);
    return { post, comments };
  },
  { cacheControl: HTTP_CACHE.minutes },
);

export default function PostPage({ data, error }: InferGetServerSidePropsType<typeof getServerSideProps>) {
  if (error) {
    return (
      <Layout title="Post" description="A post and its comments.">
        <ErrorState error={error} />
      </Layout>
    );
  }
  const { post, comments } = data;
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
      </article>
      <section aria-labelledby="comments-heading" className="comments">
        <h2 id="comments-heading">{plural(post.commentCount, "comment")}</h2>
        {comments.items.length === 0 ? (
          <p className="empty">No comments yet.</p>
        ) : (
          <ol className="comment-list">
            {comments.items.map((comment) => (
              <li key={comment.id}>
                <p className="meta byline">
                  <Avatar userId={comment.author.id} size={24} />
                  <Link href={`/users/${comment.author.id}`}>{comment.author.name}</Link> ·{" "}
                  <time dateTime={comment.createdAt}>{formatDate(comment.createdAt)}</time>
                </p>
                <p>{comment.body}</p>
              </li>
            ))}
          </ol>
        )}
        <Pagination
          label="Comment pages"
          page={comments.page}
          totalPages={comments.totalPages}
          hrefFor={(page) => pageHref(`/posts/${post.id}`, { page })}
        />
      </section>
    </Layout>
  );
}
