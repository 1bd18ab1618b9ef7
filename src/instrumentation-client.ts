// Runs in the browser before the app hydrates. NEXT_PUBLIC_ variables are inlined at build;
// the SDK is a separate chunk, downloaded only by builds that have a DSN, so a build without
// one ships no Sentry code to visitors.
const dsn = process.env.NEXT_PUBLIC_SENTRY_DSN;

if (dsn) {
  void import("@sentry/nextjs").then((Sentry) =>
    Sentry.init({
      dsn,
      environment: process.env.NEXT_PUBLIC_VERCEL_ENV ?? process.env.NODE_ENV,
      tracesSampleRate: Number(process.env.NEXT_PUBLIC_SENTRY_TRACES_SAMPLE_RATE || 0.1),
    }),
  );
}
