import { securityHeaders } from "../../src/lib/security-headers.mjs";

// Next.js's own ceiling for the HTTP benchmark (bench/scenarios/http.ts): a bare app that answers
// the app's feed API bytes from memory and serves the app's feed page, same components and same
// props, as a page rendered at build. It sends the app's security headers, which every response of
// the app carries, and nothing else of the app: no monitoring, no rewrites, no services.
// Built and started by the benchmark only; it is not part of the app's build.
/** @type {import('next').NextConfig} */
const config = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The page's components live in the app's src/.
  experimental: { externalDir: true },
  // The app's `npm run typecheck` covers these files.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders({ production: true }) }];
  },
};

export default config;
