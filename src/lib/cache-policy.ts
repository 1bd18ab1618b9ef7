import type { Cache } from "./redis";

// The article's caching table (A3.4), in one place: how long each kind of shared read may be
// served from the cache, the key it is stored under, and the tags that writes invalidate.
// Nothing that depends on the viewer, and nothing real-time, is cached.

export const CACHE_TTL = {
  profile: 60 * 60,
  config: 24 * 60 * 60,
  list: 5 * 60,
} as const;

/** What services need from the cache: read through it, and invalidate after a write. */
export type AppCache = Pick<Cache, "getCached" | "invalidate">;

interface PageKey {
  page: number;
  pageSize: number;
}

const pageSuffix = ({ page, pageSize }: PageKey) => `p${page}:s${pageSize}`;

export const cacheKeys = {
  profile: (userId: number) => `users:${userId}:profile`,
  config: () => "config:app",
  feedPage: (query: PageKey) => `posts:feed:${pageSuffix(query)}`,
  feedCount: () => "posts:feed:count",
  feedAfter: (position: { createdAt: Date; id: number } | null, pageSize: number) =>
    `posts:feed:after:${position ? `${position.createdAt.getTime()}.${position.id}` : "start"}:s${pageSize}`,
  authorPage: (userId: number, query: PageKey) => `posts:author:${userId}:${pageSuffix(query)}`,
  authorCount: (userId: number) => `posts:author:${userId}:count`,
  // The text is encoded so that no search can produce another key's shape.
  searchPage: (q: string, query: PageKey) => `posts:search:${encodeURIComponent(q)}:${pageSuffix(query)}`,
  searchCount: (q: string) => `posts:search:${encodeURIComponent(q)}:count`,
  commentsPage: (postId: number, query: PageKey) => `comments:post:${postId}:${pageSuffix(query)}`,
  commentsCount: (postId: number) => `comments:post:${postId}:count`,
};

export const cacheTags = {
  /** A user's public profile (it shows their post count). */
  user: (userId: number) => `user:${userId}`,
  /**
   * Every list of posts: feed, author pages, search. One tag, because each list shows comment
   * counts and a new post shifts every page of the feed; writes are rare next to reads.
   */
  postLists: "post-lists",
  /**
   * How many posts the feed and each search find: only a new (or removed) post changes them,
   * so a comment, which makes every list stale for its counts, keeps these.
   */
  postCounts: "post-counts",
  /** The comment pages of one post. */
  postComments: (postId: number) => `post:${postId}:comments`,
  config: "config",
};
