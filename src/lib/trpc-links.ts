import { createTRPCClient, httpBatchLink } from "@trpc/client";
import superjson from "superjson";
import { MAX_BATCH_SIZE, MAX_URL_BYTES } from "@/lib/limits";
import type { AppRouter } from "@/server/routers/app.router";

/** The app's tRPC client on this origin's /api/trpc: React's provider and the write forms share it. */
export function createAppTrpcClient() {
  return createTRPCClient<AppRouter>({
    // The server's limits (src/lib/request-limits.ts): larger batches are split, never refused.
    links: [
      httpBatchLink({
        url: "/api/trpc",
        transformer: superjson,
        maxItems: MAX_BATCH_SIZE,
        maxURLLength: MAX_URL_BYTES,
      }),
    ],
  });
}

export type AppTrpcClient = ReturnType<typeof createAppTrpcClient>;
