import type { NextRouter } from "next/router";

// After a write the writer must see it at once. Next keeps the data of static pages it has
// fetched (or prefetched) in memory for the whole visit; these navigations skip that copy and
// ask the server, whose pages and caches the write has already refreshed (ADR 0111).

/** Goes to `href` with its data read anew. */
export function showAfterWrite(router: NextRouter, href: string): Promise<boolean> {
  return router.push(href, undefined, { unstable_skipClientCache: true });
}

/** Reads the current page's data anew, where the reader is (a comment added or removed). */
export function reloadAfterWrite(router: NextRouter): Promise<boolean> {
  return router.replace(router.asPath, undefined, { scroll: false, unstable_skipClientCache: true });
}
