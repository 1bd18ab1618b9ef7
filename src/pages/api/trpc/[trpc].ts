import { createNextApiHandler } from "@trpc/server/adapters/next";
import { AppError } from "@/lib/errors";
import { NO_STORE } from "@/lib/http";
import { reportUnexpectedError } from "@/lib/monitoring/error-reporting";
import { currentRequestContext, requestIdOf } from "@/lib/monitoring/request-context";
import { observeRequest } from "@/lib/monitoring/request-observer";
import { appRouter } from "@/server/routers/app.router";
import { getServices } from "@/server/services";

const trpcHandler = createNextApiHandler({
  router: appRouter,
  createContext: ({ req }) => ({
    services: getServices(),
    requestId: currentRequestContext()?.requestId ?? requestIdOf(req),
  }),
  onError: ({ error, path }) => {
    if (error.code !== "INTERNAL_SERVER_ERROR") return;
    // The middleware in src/server/trpc.ts wraps what a procedure threw in an AppError;
    // Sentry gets the original, with its own stack.
    const thrown = AppError.is(error.cause) ? (error.cause.cause ?? error.cause) : (error.cause ?? error);
    reportUnexpectedError(thrown, { path });
  },
  responseMeta: () => ({ headers: new Headers({ "Cache-Control": NO_STORE }) }),
});

export default function handler(...args: Parameters<typeof trpcHandler>) {
  const [req, res] = args;
  return observeRequest(req, res, () => trpcHandler(...args));
}
