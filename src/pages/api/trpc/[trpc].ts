import { createNextApiHandler } from "@trpc/server/adapters/next";
import { requestIdOf } from "@/lib/http";
import { logger } from "@/lib/logger";
import { appRouter } from "@/server/routers/app.router";
import { getServices } from "@/server/services";

export default createNextApiHandler({
  router: appRouter,
  createContext: ({ req, res }) => {
    const requestId = requestIdOf(req);
    res.setHeader("X-Request-Id", requestId);
    return { services: getServices(), requestId };
  },
  onError: ({ error, path }) => {
    if (error.code === "INTERNAL_SERVER_ERROR") logger.error({ err: error.cause ?? error, path }, "unexpected error");
  },
  responseMeta: () => ({ headers: new Headers({ "Cache-Control": "private, no-store" }) }),
});
