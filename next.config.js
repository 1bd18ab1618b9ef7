import { execSync } from "node:child_process";
import { withSentryConfig } from "@sentry/nextjs/config";
import { CompileHintsPlugin } from "./scripts/build/compile-hints.mjs";
import { pageDataHeaders, pageRedirects, STATIC_PAGE_REVALIDATE_SECONDS } from "./src/lib/page-routes.mjs";
import { securityHeaders } from "./src/lib/security-headers.mjs";

// Next loads this file before any app module, and as plain JavaScript: it cannot import the
// TypeScript env module, so it reads the build-time variables (SENTRY_*, VERCEL_*) itself.
// The app's own variables are validated when the server starts (src/lib/env.ts).

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
  // Static pages are sent with `s-maxage=<revalidate>` and, by default, a year of
  // `stale-while-revalidate`, which browsers honour too: a browser copy, which no write can
  // purge, could then be shown long after a write. Ending there, browsers revalidate every time
  // (a 304 when nothing changed). Vercel's CDN sets its own (docs/decisions/0107-http-cache-levels.md).
  expireTime: STATIC_PAGE_REVALIDATE_SECONDS,
  // A list's first page is static, its further pages live at another path (src/lib/page-routes.mjs).
  async redirects() {
    return pageRedirects();
  },
  // On every response, static pages and files included; `next build` bakes them in, so the
  // production policy is the one `next start` and Vercel serve.
  async headers() {
    const production = process.env.NODE_ENV === "production";
    return [
      {
        source: "/:path*",
        headers: securityHeaders({ production, sentryDsn: process.env.NEXT_PUBLIC_SENTRY_DSN }),
      },
      pageDataHeaders(),
    ];
  },
  // The browser compiles the chunks a page starts with while they download, instead of on the
  // main thread as they run (scripts/build/compile-hints.mjs).
  webpack(config, { isServer, dev, webpack }) {
    if (!isServer && !dev) config.plugins.push(new CompileHintsPlugin(webpack));
    return config;
  },
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
  // API routes are not wrapped at build time: every one goes through apiRoute, tRPC's adapter or
  // the auth handler, each of which reports its own failures (src/lib/monitoring/error-reporting.ts),
  // and the SDK's HTTP integration already gives each request its own scope. The wrapper would
  // only repeat that work on every request (docs/decisions/0118-api-routes-without-the-sentry-wrapper.md).
  webpack: { excludeServerRoutes: [/^\/api\//] },
});

// The SDK adds trace meta tags to pages so the browser SDK can continue the server's trace.
// A build without a browser DSN has no browser SDK: leave the (experimental) option out.
if (!process.env.NEXT_PUBLIC_SENTRY_DSN && config.experimental) {
  delete config.experimental.clientTraceMetadata;
}

export default config;
