import { AsyncLocalStorage } from "node:async_hooks";
import * as Sentry from "@sentry/nextjs";
import type { NextApiRequest, NextApiResponse } from "next";
import { logger, type Logger } from "./logger";
import { LIST_PAGES } from "./page-routes.mjs";
import { processSingleton } from "./process-singleton";

const FEED = LIST_PAGES.feed.first;

// The static pages a write changes, and their on-demand revalidation (Next's `res.revalidate`,
// which on Vercel also purges the CDN). Called by the write handlers after the service returned,
// that is after the database commit and the app-cache invalidation, so the page is rendered
// again from the new data before the write's response leaves.
// docs/decisions/0106-static-public-pages.md

/** A post written or removed: which one, and whose (what the post services return). */
export interface PostRef {
  id: number;
  userId: number;
}

/** A comment written or removed: on which post, and whose post (what the comment services return). */
export interface CommentRef {
  postId: number;
  /** The author of the post (not of the comment): their profile lists the post with its count. */
  postAuthorId: number;
}

/** An account renamed or deleted, and the posts it wrote or commented on (what the users service finds). */
export interface AccountRef {
  userId: number;
  postIds: readonly number[];
}

/** The paths of the static pages each kind of write changes. */
export const pagesChangedBy = {
  /**
   * A post created, edited or deleted: the feed's first page, the post and its edit page, its
   * author's profile. (An edit of the body alone changes only the post; the lists are rendered
   * again all the same, which keeps one rule per kind of write.)
   */
  post: ({ id, userId }: PostRef): string[] => [FEED, `/posts/${id}`, `/posts/${id}/edit`, `/users/${userId}`],
  /**
   * A comment added or removed: the post's page (its comments), and the lists that show the
   * post's comment count: the feed's first page and the post author's profile.
   */
  comment: ({ postId, postAuthorId }: CommentRef): string[] => [FEED, `/posts/${postId}`, `/users/${postAuthorId}`],
  /**
   * An account renamed or deleted: every page that shows its name or what it wrote. Its profile,
   * the feed's first page, and each post it wrote or commented on with the post's edit page (a
   * deleted account's posts go with it, and their edit pages hold their text).
   */
  account: ({ userId, postIds }: AccountRef): string[] => [
    FEED,
    `/users/${userId}`,
    ...postIds.flatMap((id) => [`/posts/${id}`, `/posts/${id}/edit`]),
  ],
};

export type PageRevalidator = Pick<NextApiResponse, "revalidate">;

export interface RevalidationOptions {
  logger?: Pick<Logger, "warn" | "error">;
  /** Told of a path that failed twice (Sentry by default): the page then stays until its safety net. */
  onFailure?: (error: unknown, path: string) => void;
}

/**
 * Revalidates every path, each retried once. Never throws: the write has happened, and a page
 * that could not be rendered again is served until its `revalidate` safety net (a day), so the
 * failure is logged at error level and reported, for an alert to fire. Returns the failed paths.
 */
export async function revalidatePages(
  res: PageRevalidator,
  paths: readonly string[],
  { logger: log = logger, onFailure = reportRevalidationFailure }: RevalidationOptions = {},
): Promise<string[]> {
  const failed: string[] = [];
  const revalidate = async (path: string) => {
    try {
      await res.revalidate(path);
    } catch (first) {
      log.warn({ err: first, path }, "page revalidation failed; retrying once");
      try {
        await res.revalidate(path);
      } catch (error) {
        failed.push(path);
        log.error({ err: error, path }, "page revalidation failed; the page stays stale until its revalidate period");
        onFailure(error, path);
      }
    }
  };
  // Each revalidation renders a page on this server: an account with hundreds of posts must
  // not start hundreds of renders at once.
  const queue = [...new Set(paths)];
  const worker = async () => {
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) await revalidate(path);
  };
  await Promise.all(Array.from({ length: Math.min(MAX_CONCURRENT_RENDERS, queue.length) }, worker));
  return failed;
}

/** Revalidations of one write that run at once. */
export const MAX_CONCURRENT_RENDERS = 8;

// The response of the request in progress, for code that changes pages without being handed
// the response: better-auth's hooks, which run inside its handler (src/pages/api/auth/[...all].ts).
const currentResponse = processSingleton("pageRevalidator", () => new AsyncLocalStorage<PageRevalidator>()).get();

/** Runs `handle` with `res` as the response that `revalidateThisRequestsPages` revalidates through. */
export function withPageRevalidation<T>(res: PageRevalidator, handle: () => T): T {
  return currentResponse.run(res, handle);
}

/**
 * `revalidatePages` through the response of the request in progress (see `withPageRevalidation`).
 * Outside a request (a script, a test calling better-auth directly) there is no server to render
 * on: the pages stay until their `revalidate` period, which is logged, and every path is returned.
 */
export async function revalidateThisRequestsPages(
  paths: readonly string[],
  options: RevalidationOptions = {},
): Promise<string[]> {
  const res = currentResponse.getStore();
  if (res) return revalidatePages(res, paths, options);
  (options.logger ?? logger).warn(
    { paths: paths.length },
    "no request to revalidate pages through; they stay until their revalidate period",
  );
  return [...new Set(paths)];
}

/**
 * A write handler whose result says what it changed: the pages `pagesOf` names for it are
 * revalidated before the response leaves, so a client that reads after the answer sees the write.
 */
export function revalidating<T>(
  pagesOf: (result: T) => string[],
  handle: (req: NextApiRequest, res: NextApiResponse) => Promise<T>,
): (req: NextApiRequest, res: NextApiResponse) => Promise<T> {
  return async (req, res) => {
    const result = await handle(req, res);
    await revalidatePages(res, pagesOf(result));
    return result;
  };
}

function reportRevalidationFailure(error: unknown, path: string): void {
  Sentry.withScope((scope) => {
    scope.setTags({ page_revalidation: "failed" });
    scope.setContext("page", { path });
    // One issue for every failed revalidation, so its alert counts them (docs/monitoring.md).
    scope.setFingerprint(["page-revalidation-failed"]);
    Sentry.captureException(error);
  });
}
