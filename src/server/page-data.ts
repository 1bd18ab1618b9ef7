import { getServices } from "./services";

// What each public page shows, loaded once for both of its forms: the static first page
// (getStaticProps) and the pages rendered per request for `?page=` (getServerSideProps).
// The query is raw input: the services validate it.

type Query = Record<string, string | string[] | undefined>;

export function loadFeed(query: Query) {
  return getServices().posts.getFeedPage(query);
}

export async function loadPostWithComments({ id, ...page }: Query) {
  const services = getServices();
  const post = await services.posts.getPost({ id });
  const comments = await services.comments.getCommentsForPost({ ...page, postId: post.id });
  return { post, comments };
}

/** What the edit page's form starts from: the post's text and who wrote it. */
export async function loadPostToEdit({ id }: Query) {
  const post = await getServices().posts.getPost({ id });
  return { id: post.id, title: post.title, body: post.body, authorId: post.author.id };
}

export async function loadProfileWithPosts({ id, ...page }: Query) {
  const services = getServices();
  const profile = await services.users.getProfile({ id });
  const posts = await services.posts.getPostsByAuthor({ ...page, userId: profile.id });
  return { profile, posts };
}

export type FeedData = Awaited<ReturnType<typeof loadFeed>>;
export type PostWithComments = Awaited<ReturnType<typeof loadPostWithComments>>;
export type ProfileWithPosts = Awaited<ReturnType<typeof loadProfileWithPosts>>;
