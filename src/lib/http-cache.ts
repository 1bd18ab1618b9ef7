// The article's browser and CDN levels (A3.1) for responses that no write purges: the API and
// the pages rendered per request (static pages take theirs from their `revalidate` period, and
// writes purge them). Each keeps the staleness a reader may see after a write within what the
// app cache allows for the same data: minutes for lists, about an hour for profiles.
// docs/decisions/0107-http-cache-levels.md explains.

export const HTTP_CACHE = {
  /**
   * The pages a writer reads right after writing, when rendered per request (the further pages
   * of the feed, a post's comments, a profile's posts): browsers ask again each time, CDNs keep
   * them minutes (docs/decisions/0112-writers-pages-revalidate-in-the-browser.md). Their first
   * pages are static, with their own levels.
   */
  pages: "public, max-age=0, s-maxage=300",
  /** Lists, posts with their counts, search, config: a write shows within minutes. */
  minutes: "public, max-age=60, s-maxage=300, stale-while-revalidate=300",
  /** Public profiles, which the app cache keeps an hour. */
  hour: "public, max-age=300, s-maxage=3600, stale-while-revalidate=3600",
} as const;
