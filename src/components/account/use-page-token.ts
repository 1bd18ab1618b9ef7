import { useRouter } from "next/router";

/**
 * The `?token=` of a static page. Its HTML is built without a query, so the token is known only
 * once the router is ready in the browser: `ready` says whether `token` can be trusted yet.
 */
export function usePageToken(): { ready: boolean; token: string } {
  const { isReady, query } = useRouter();
  return { ready: isReady, token: typeof query.token === "string" ? query.token : "" };
}
