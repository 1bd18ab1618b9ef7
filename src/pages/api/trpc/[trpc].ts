import { createNextApiHandler } from "@trpc/server/adapters/next";
import { getActor } from "@/lib/auth/session";
import { assertSameOrigin } from "@/lib/csrf";
import { errorOutcome } from "@/lib/error-mapping";
import { NO_STORE } from "@/lib/http";
import { recordFailure } from "@/lib/monitoring/error-reporting";
import { observeRequest } from "@/lib/monitoring/request-observer";
import { MAX_BATCH_SIZE, MAX_BODY_BYTES } from "@/lib/limits";
import { assertUrlWithinLimit } from "@/lib/request-limits";
import { revalidatePages } from "@/lib/revalidation";
import { appRouter } from "@/server/routers/app.router";
import type { Actor } from "@/modules/users/user.types";
import { getServices } from "@/server/services";
import { toTrpcError, type Context } from "@/server/trpc";

const trpcHandler = createNextApiHandler({
  router: appRouter,
  createContext: ({ req, res }): Context => {
    // Before any input is parsed: every call of the batch answers 403 (a mutation from another
    // origin, as REST) or 413.
    try {
      assertSameOrigin(req);
      assertUrlWithinLimit(req);
    } catch (error) {
      throw toTrpcError(error);
    }
    // Read lazily: only protected procedures ask, and better-auth's Set-Cookie (a refreshed
    // session) reaches `res` before tRPC writes the answer.
    let actor: Promise<Actor | null> | undefined;
    return {
      services: getServices(),
      getActor: () => (actor ??= getActor(req, res)),
      revalidatePages: (paths) => revalidatePages(res, paths),
    };
  },
  // One request may not fan out into more calls than the database pool can serve; the client
  // link (src/lib/trpc-client.tsx) splits its batches at the same size.
  maxBatchSize: MAX_BATCH_SIZE,
  maxBodySize: MAX_BODY_BYTES,
  // Every failure, a procedure's or tRPC's own (an unknown procedure, unparsable input, a batch
  // too large), is recorded by the policy REST and pages share; Sentry gets the original error.
  onError: ({ error, path }) => {
    recordFailure(error, path ? { procedure: path } : {});
  },
  responseMeta: ({ errors }) => {
    const headers = new Headers({ "Cache-Control": NO_STORE });
    for (const [name, value] of Object.entries(errors[0] ? errorOutcome(errors[0]).headers : {})) {
      headers.set(name, value);
    }
    return { headers };
  },
});

export default function handler(...args: Parameters<typeof trpcHandler>) {
  const [req, res] = args;
  return observeRequest(req, res, () => trpcHandler(...args));
}

// Bodies are read and bounded by tRPC (maxBodySize), not by Next, whose errors are plain text.
export const config = { api: { bodyParser: false } };
