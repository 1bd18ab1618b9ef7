import { execSync } from "node:child_process";
import { withSentryConfig } from "@sentry/nextjs/config";

// The commit this build is made from, named once for Sentry (release, source maps) and for
// /api/health (src/lib/release.ts).
function resolveRelease() {
  const fromEnv = process.env.SENTRY_RELEASE || process.env.VERCEL_GIT_COMMIT_SHA;
  if (fromEnv) return fromEnv;
  try {
    return (
      execSync("git rev-parse HEAD", { stdio: ["ignore", "pipe", "ignore"] })
        .toString()
        .trim() || undefined
    );
  } catch {
    return undefined; // not a git checkout (a tarball, a Docker context)
  }
}

const release = resolveRelease();
// Source maps go to Sentry only when CI (or Vercel) holds a token; without one, nothing is
// uploaded and the build says nothing about Sentry.
const uploadSourceMaps = Boolean(process.env.SENTRY_AUTH_TOKEN);

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Pino and the PostgreSQL driver run as plain Node modules rather than bundled code.
  serverExternalPackages: ["pino", "pino-pretty", "pg", "@prisma/adapter-pg"],
  env: { APP_RELEASE: release ?? "" },
};

const config = withSentryConfig(nextConfig, {
  org: process.env.SENTRY_ORG,
  project: process.env.SENTRY_PROJECT,
  authToken: process.env.SENTRY_AUTH_TOKEN,
  release: { name: release, create: uploadSourceMaps, finalize: uploadSourceMaps },
  sourcemaps: { disable: !uploadSourceMaps, deleteSourcemapsAfterUpload: true },
  useRunAfterProductionCompileHook: uploadSourceMaps,
  silent: !uploadSourceMaps,
  telemetry: false,
});

// The SDK adds trace meta tags to pages so the browser SDK can continue the server's trace.
// A build without a browser DSN has no browser SDK: leave the (experimental) option out.
if (!process.env.NEXT_PUBLIC_SENTRY_DSN && config.experimental) {
  delete config.experimental.clientTraceMetadata;
}

export default config;
