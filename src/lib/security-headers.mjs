// The security headers of every response, read by next.config.js at build (README, "Security";
// docs/decisions/0060-csp-without-inline-script.md, 0121-scripts-after-the-first-paint.md). Plain
// JavaScript: next.config.js loads it before anything is compiled.
import { AFTER_PAINT_LOADER_HASH } from "./after-paint-loader.mjs";

/** @typedef {{ production: boolean, sentryDsn?: string }} PolicyOptions */

/**
 * The origin the browser SDK sends events to, from its DSN (inlined at build).
 * @param {string | undefined} dsn
 */
export function sentryIngestOrigin(dsn) {
  if (!dsn) return undefined;
  try {
    return new URL(dsn).origin;
  } catch {
    return undefined; // src/lib/env.ts rejects a malformed DSN at start
  }
}

/**
 * The Content-Security-Policy of every page. In production no script runs unless it comes
 * from this origin, or is the one inline loader that starts a page's scripts (allowed by its
 * hash); no other inline script, no eval. Development relaxes script-src, because the dev
 * server's hot reloading evaluates code (a hash there would void its 'unsafe-inline').
 * @param {PolicyOptions} options
 */
export function contentSecurityPolicy({ production, sentryDsn }) {
  const connect = ["'self'", sentryIngestOrigin(sentryDsn)].filter(Boolean);
  const directives = {
    "default-src": ["'self'"],
    // (Vercel Analytics loads its debug script from its CDN in development.)
    "script-src": production
      ? ["'self'", AFTER_PAINT_LOADER_HASH]
      : ["'self'", "'unsafe-eval'", "'unsafe-inline'", "https://va.vercel-scripts.com"],
    // React and next/image write style attributes; styles cannot run code.
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    // Vercel Analytics and Speed Insights load and report through this origin (/_vercel/…);
    // Sentry's browser SDK posts to its ingest host.
    "connect-src": production ? connect : [...connect, "ws:"],
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(" ")}`)
    .join("; ");
}

/**
 * Headers for every path, pages, API routes and static files alike.
 * @param {PolicyOptions} options
 */
export function securityHeaders({ production, sentryDsn }) {
  return [
    { key: "Content-Security-Policy", value: contentSecurityPolicy({ production, sentryDsn }) },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    {
      key: "Permissions-Policy",
      value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
    },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    // Browsers honour it over HTTPS only; two years, as hstspreload.org asks, without
    // `preload`, which is a commitment for every subdomain that a template cannot make.
    ...(production ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
  ];
}
