import type { GetServerSideProps, GetServerSidePropsContext } from "next";
import { toAppError } from "./error-mapping";
import type { ErrorBody } from "./errors";
import { NO_STORE } from "./http";
import { logger } from "./logger";

/** What JSON makes of a value: dates become ISO strings. */
export type Serialized<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Serialized<U>[]
    : T extends object
      ? { [K in keyof T]: Serialized<T[K]> }
      : T;

export function serialize<T>(value: T): Serialized<T> {
  return JSON.parse(JSON.stringify(value)) as Serialized<T>;
}

export type PageProps<T> = { data: Serialized<T>; error?: never } | { data?: never; error: ErrorBody["error"] };

export interface LoadPageOptions {
  /** Cache-Control of a page rendered with status 200; anything else is never cached. */
  cacheControl?: string;
}

/**
 * getServerSideProps for a page that shows one load: an unknown id renders the 404 page,
 * any other error renders the page's error state with the matching status.
 */
export function loadPage<T>(
  load: (context: GetServerSidePropsContext) => Promise<T>,
  options: LoadPageOptions = {},
): GetServerSideProps<PageProps<T>> {
  return async (context) => {
    try {
      const data = serialize(await load(context));
      // A load may set its own status (the search page answers 400 to a bad query).
      const cacheable = context.res.statusCode === 200;
      context.res.setHeader("Cache-Control", cacheable ? (options.cacheControl ?? NO_STORE) : "no-store");
      return { props: { data } };
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === "NOT_FOUND") return { notFound: true };
      if (!appError.expected) logger.error({ err: error, url: context.resolvedUrl }, "unexpected error");
      context.res.statusCode = appError.status;
      context.res.setHeader("Cache-Control", "no-store");
      return { props: { error: appError.toBody().error } };
    }
  };
}
