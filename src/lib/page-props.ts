import type { GetServerSideProps, GetServerSidePropsContext, GetStaticProps, GetStaticPropsContext } from "next";
import { STATIC_PAGE_REVALIDATE_SECONDS } from "./page-routes.mjs";
import type { ErrorBody } from "./errors";
import { NO_STORE } from "./http";
import { recordFailure } from "./monitoring/error-reporting";
import { observePageLoad } from "./monitoring/request-observer";
import { assertUrlWithinLimit } from "./request-limits";
import { serialize, type Serialized } from "./serialize";

// Browser code imports serialize from ./serialize itself: this module is server-only.
export type { Serialized };

export type PageProps<T> = { data: Serialized<T>; error?: never } | { data?: never; error: ErrorBody["error"] };

export interface LoadPageOptions {
  /** Cache-Control of a page rendered with status 200; anything else is never cached. */
  cacheControl?: string;
}

/**
 * getServerSideProps for a page that shows one load: an unknown id renders the 404 page,
 * any other error renders the page's error state with the matching status. The load runs in
 * the request's context (request id in logs, Server-Timing, slow-request warning).
 */
export function loadPage<T>(
  load: (context: GetServerSidePropsContext) => Promise<T>,
  options: LoadPageOptions = {},
): GetServerSideProps<PageProps<T>> {
  return (context) =>
    observePageLoad(context.req, context.res, async () => {
      try {
        assertUrlWithinLimit(context.req);
        const data = serialize(await load(context));
        // A load may set its own status (the search page answers 400 to a bad query).
        const cacheable = context.res.statusCode === 200;
        context.res.setHeader("Cache-Control", cacheable ? (options.cacheControl ?? NO_STORE) : "no-store");
        return { props: { data } };
      } catch (error) {
        const outcome = recordFailure(error);
        context.res.setHeader("Cache-Control", "no-store");
        if (outcome.error.code === "NOT_FOUND") return { notFound: true as const };
        for (const [name, value] of Object.entries(outcome.headers)) context.res.setHeader(name, value);
        context.res.statusCode = outcome.status;
        return { props: { error: outcome.error.toBody().error } };
      }
    });
}

/**
 * getStaticProps for a page served static and revalidated on demand by the writes that change
 * it (src/lib/revalidation.ts). An unknown or malformed id renders the 404 page, which is kept
 * like any page until a write revalidates the path. Any other failure is thrown: Next then
 * keeps serving the page it had (or answers 500 when it had none), instead of keeping an
 * error page for a day.
 */
export function loadStaticPage<T>(
  load: (params: Record<string, string | string[] | undefined>) => Promise<T>,
): GetStaticProps<{ data: Serialized<T> }> {
  return async ({ params = {} }: GetStaticPropsContext) => {
    const revalidate = STATIC_PAGE_REVALIDATE_SECONDS;
    try {
      const data = serialize(await load(params));
      return { props: { data }, revalidate };
    } catch (error) {
      const outcome = recordFailure(error);
      if (outcome.error.code === "NOT_FOUND" || outcome.error.code === "VALIDATION") {
        return { notFound: true as const, revalidate };
      }
      throw error;
    }
  };
}

/** Nothing is rendered at build time (no database then): each path renders on its first request. */
export async function staticPathsOnDemand() {
  return { paths: [], fallback: "blocking" as const };
}
