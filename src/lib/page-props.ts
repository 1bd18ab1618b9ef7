import type { GetServerSideProps, GetServerSidePropsContext } from "next";
import { toAppError } from "./error-mapping";
import type { ErrorBody } from "./errors";
import { reportUnexpectedError } from "./monitoring/error-reporting";
import { observePageLoad } from "./monitoring/request-observer";
import { serialize, type Serialized } from "./serialize";

// Browser code imports these from ./serialize: this module is server-only.
export { serialize, type Serialized };

export type PageProps<T> = { data: Serialized<T>; error?: never } | { data?: never; error: ErrorBody["error"] };

/**
 * getServerSideProps for a page that shows one load: an unknown id renders the 404 page,
 * any other error renders the page's error state with the matching status. The load runs in
 * the request's context (request id in logs, Server-Timing, slow-request warning).
 */
export function loadPage<T>(
  load: (context: GetServerSidePropsContext) => Promise<T>,
): GetServerSideProps<PageProps<T>> {
  return (context) =>
    observePageLoad(context.req, context.res, async () => {
      try {
        return { props: { data: serialize(await load(context)) } };
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
