import { NO_STORE } from "./http";

// The article's browser and CDN levels (A3.1), per kind of response. Neither level can be
// purged when a write lands (only a deploy empties Vercel's CDN), so each keeps the staleness
// a reader may see after a write within what the app cache allows for the same data: minutes
// for lists, about an hour for profiles. docs/decisions/0012-http-cache-levels.md explains.

export const HTTP_CACHE = {
  /** Lists, posts with their counts, search, config, pages: a write shows within minutes. */
  minutes: "public, max-age=60, s-maxage=300, stale-while-revalidate=300",
  /** Public profiles, which the app cache keeps an hour. */
  hour: "public, max-age=300, s-maxage=3600, stale-while-revalidate=3600",
  /** Anything that depends on the viewer, and tRPC (the app's own calls). */
  private: NO_STORE,
} as const;
