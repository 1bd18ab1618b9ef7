import * as Sentry from "@sentry/nextjs";
import type { NextPageContext } from "next";
import NextError, { type ErrorProps } from "next/error";

// Next renders this page when rendering itself fails (500) or for a 404 with no page of its
// own. Only server errors reach Sentry; a 404 is not an incident.
function ErrorPage({ statusCode }: ErrorProps) {
  return <NextError statusCode={statusCode} />;
}

ErrorPage.getInitialProps = async (context: NextPageContext) => {
  await Sentry.captureUnderscoreErrorException(context);
  return NextError.getInitialProps(context);
};

export default ErrorPage;
