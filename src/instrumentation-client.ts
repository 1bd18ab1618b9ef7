// Runs in the browser before the app hydrates. NEXT_PUBLIC_ variables are inlined at build;
// the SDK is a separate chunk, downloaded only by builds that have a DSN, so a build without
// one ships no Sentry code to visitors.
import { scrubEvent } from "@/lib/monitoring/redact";
import { buildMode, publicEnv } from "@/lib/public-env";

const dsn = publicEnv.NEXT_PUBLIC_SENTRY_DSN;

if (dsn) {
  void import("@sentry/nextjs").then((Sentry) =>
    Sentry.init({
      dsn,
      environment: publicEnv.NEXT_PUBLIC_VERCEL_ENV ?? buildMode,
      tracesSampleRate: publicEnv.NEXT_PUBLIC_SENTRY_TRACES_SAMPLE_RATE,
      beforeSend: (event) => scrubEvent(event),
      beforeSendTransaction: (event) => scrubEvent(event),
    }),
  );
}
