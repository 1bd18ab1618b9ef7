import type { GetServerSideProps, GetServerSidePropsContext } from "next";
import { toAppError } from "./error-mapping";
import type { ErrorBody } from "./errors";
import { NO_STORE } from "./http";
import { reportUnexpectedError } from "./monitoring/error-reporting";
import { observePageLoad } from "./monitoring/request-observer";
import { serialize, type Serialized } from "./serialize";

// Browser code imports these from ./serialize: this module is server-only.
export { serialize, type Serialized };

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
        const data = serialize(await load(context));
        // A load may set its own status (the search page answers 400 to a bad query).
        const cacheable = context.res.statusCode === 200;
        context.res.setHeader("Cache-Control", cacheable ? (options.cacheControl ?? NO_STORE) : "no-store");
        return { props: { data } };
      } catch (error) {
        const appError = toAppError(error);
        if (appError.code === "NOT_FOUND") return { notFound: true as const };
        if (!appError.expected) reportUnexpectedError(error, { url: context.resolvedUrl });
        context.res.statusCode = appError.status;
        context.res.setHeader("Cache-Control", "no-store");
        return { props: { error: appError.toBody().error } };
      }
    });
}
