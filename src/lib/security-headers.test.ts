import { describe, expect, it } from "vitest";
import { AFTER_PAINT_LOADER_HASH } from "./after-paint-loader.mjs";
import { contentSecurityPolicy, securityHeaders, sentryIngestOrigin } from "./security-headers.mjs";

const header = (headers: { key: string; value: string }[], key: string) => headers.find((h) => h.key === key)?.value;

describe("security headers", () => {
  it("refuse framing, sniffing and powerful features, and pin HTTPS in production", () => {
    const headers = securityHeaders({ production: true });
    expect(header(headers, "X-Content-Type-Options")).toBe("nosniff");
    expect(header(headers, "X-Frame-Options")).toBe("DENY");
    expect(header(headers, "Referrer-Policy")).toBe("strict-origin-when-cross-origin");
    expect(header(headers, "Permissions-Policy")).toContain("camera=()");
    expect(header(headers, "Strict-Transport-Security")).toMatch(/^max-age=\d{8}/);
    expect(header(securityHeaders({ production: false }), "Strict-Transport-Security")).toBeUndefined();
  });

  it("in production, the CSP lets no inline script but the after-paint loader, and no eval, run", () => {
    const csp = contentSecurityPolicy({ production: true });
    const scriptSrc = /script-src ([^;]+)/.exec(csp)?.[1];
    expect(scriptSrc).toBe(`'self' ${AFTER_PAINT_LOADER_HASH}`);
    // In development a hash would void the 'unsafe-inline' the dev server needs.
    expect(contentSecurityPolicy({ production: false })).not.toContain("sha256-");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });

  it("allows the browser SDK's ingest host when a DSN is set, and only then", () => {
    const dsn = "https://key@o1.ingest.de.sentry.io/42";
    expect(sentryIngestOrigin(dsn)).toBe("https://o1.ingest.de.sentry.io");
    expect(contentSecurityPolicy({ production: true, sentryDsn: dsn })).toContain(
      "connect-src 'self' https://o1.ingest.de.sentry.io",
    );
    expect(contentSecurityPolicy({ production: true })).toContain("connect-src 'self';");
    expect(sentryIngestOrigin("not a url")).toBeUndefined();
  });
});
