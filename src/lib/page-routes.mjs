// Which public pages are served static and which are rendered per request: read by
// next.config.js (redirects, expireTime) and by the pages and the revalidation module.
// docs/decisions/0106-static-public-pages.md explains the split.

/**
 * How long a static page is served before it is rendered again without any write asking: the
 * article's CDN level (Next sends it as `s-maxage`). Writes revalidate the pages they change
 * at once; this is the safety net for changes made outside the app (SQL, a failed revalidation).
 */
export const STATIC_PAGE_REVALIDATE_SECONDS = 86_400;

/**
 * A list's first page is static at its own path; its further pages are rendered per request,
 * over the app cache, at another path. A new post shifts every page of the feed, so each static
 * page beyond the first would be one more page to render on every write, for a small share of
 * the reads. (Not one path with a rewrite on `?page=`: Next re-applies every rewrite to every
 * request of every route, API routes included.)
 */
export const LIST_PAGES = {
  feed: { first: "/", later: "/feed" },
  comments: { first: "/posts/:id", later: "/posts/:id/comments" },
  posts: { first: "/users/:id", later: "/users/:id/posts" },
};

/**
 * The browser's router keeps the data of every static page it fetched or prefetched for the
 * whole visit, and a write cannot purge it: after writing, a click on "Feed" would show the feed
 * as it was. Like the browser's HTTP cache (decision 0107), that copy is not kept: Next's router
 * drops data answered with `x-middleware-cache: no-cache` (the header its own middleware sends
 * for the same purpose), and asks again on the next navigation, which a static page answers cheaply.
 */
export function pageDataHeaders() {
  return { source: "/_next/data/:path*", headers: [{ key: "x-middleware-cache", value: "no-cache" }] };
}

/** Earlier links carried `?page=` on the static path: they lead to the page they meant. */
export function pageRedirects() {
  return Object.values(LIST_PAGES).map(({ first, later }) => ({
    source: first,
    has: [{ type: "query", key: "page" }],
    destination: later,
    permanent: false,
  }));
}
