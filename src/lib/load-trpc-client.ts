import type { AppTrpcClient } from "./trpc-links";

let loading: Promise<AppTrpcClient> | undefined;

/**
 * The app's tRPC client, fetched on first use and then shared by every form of the page: the
 * write forms call it when submitted or shown, so neither it nor React Query is part of a
 * page's first load (the same pattern as src/lib/auth/load-auth-client.ts).
 */
export function loadTrpcClient(): Promise<AppTrpcClient> {
  loading ??= import("./trpc-links").then(
    (module) => module.createAppTrpcClient(),
    (error: unknown) => {
      // A failed download (offline) is retried by the next call rather than remembered.
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
