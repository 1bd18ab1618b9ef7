import * as Sentry from "@sentry/nextjs";

// Next.js calls register() once when a server instance starts. NEXT_RUNTIME is Next's own,
// set per runtime before any app module loads; it is read raw so that the edge runtime never
// imports the Node-only config.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("../sentry.server.config");
  if (process.env.NEXT_RUNTIME === "edge") await import("../sentry.edge.config");
}

// Errors that escape every handler (a render that throws, a bug outside apiRoute or loadPage):
// unexpected by definition. Mapped errors never reach this hook.
export const onRequestError = Sentry.captureRequestError;
