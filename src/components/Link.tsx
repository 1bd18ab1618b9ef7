import NextLink from "next/link";
import type { ComponentProps } from "react";

/**
 * next/link, prefetching on hover (or focus) only. Next's default prefetches every link in the
 * viewport once the page is idle, and in the Pages Router that means downloading and *running*
 * each linked page's JavaScript and, for a static page, fetching its data: on a page with a
 * header, a menu and a list, several long tasks on the main thread after every load, which is
 * what Lighthouse's time to interactive and blocking time measure
 * (docs/decisions/0113-links-prefetch-on-intent.md).
 */
export function Link({ prefetch = false, ...props }: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={prefetch} {...props} />;
}
