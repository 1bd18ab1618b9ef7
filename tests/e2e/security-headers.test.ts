import { createHash } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedIfEmpty } from "../../prisma/seed";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../../scripts/db/embedded";
import { applyMigrations } from "../../scripts/db/schema-engine";
import { auditedUrls, WRITER_PATHS } from "../../scripts/lighthouse/pages";
import { AFTER_PAINT_LOADER_HASH } from "../../src/lib/after-paint-loader.mjs";
import { launchBrowser, watchProblems } from "#tests/browser";
import { startProductionServer, type ProductionServer } from "#tests/production-server";

// The production build in a real browser: every audited page (lighthouserc.json, the write pages) loads under
// the enforced Content-Security-Policy with nothing blocked, while an injected inline script
// is. The same headers are on every response. The one inline script a page has is the loader
// that runs its chunks after the first paint, allowed by its hash (ADR 0121).

let database: EmbeddedPostgres;
let server: ProductionServer;
let browser: Browser;

beforeAll(async () => {
  database = await startEmbeddedPostgres({ port: 0 });
  await applyMigrations(database.url);
  await seedIfEmpty(database.url);
  server = await startProductionServer({ DATABASE_URL: database.url });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await database?.stop();
});

// The write pages are audited signed in; here a visitor opens them (and is sent to sign in).
const pages = () => [...auditedUrls(server.url), ...WRITER_PATHS.map((page) => new URL(page, server.url).toString())];

describe("security headers, in the production build", () => {
  it("are on pages, API routes, static files and 404s", async () => {
    const paths = ["/", "/api/posts", "/api/health", "/favicon.svg", "/no-such-page", "/api/trpc/posts.nope"];
    for (const path of paths) {
      const headers = (await fetch(`${server.url}${path}`)).headers;
      expect(headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(headers.get("x-frame-options"), path).toBe("DENY");
      expect(headers.get("referrer-policy"), path).toBe("strict-origin-when-cross-origin");
      expect(headers.get("permissions-policy"), path).toContain("camera=()");
      expect(headers.get("strict-transport-security"), path).toMatch(/^max-age=\d+/);
      const csp = headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(/script-src ([^;]+)/.exec(csp)?.[1], path).toBe(`'self' ${AFTER_PAINT_LOADER_HASH}`);
      expect(headers.get("content-security-policy-report-only"), path).toBeNull();
    }
  });

  it("no page has an inline script the policy would block, and each has the after-paint loader", async () => {
    for (const url of pages()) {
      const response = await fetch(url);
      const allowed = /script-src ([^;]+)/.exec(response.headers.get("content-security-policy") ?? "")?.[1]?.split(" ");
      const html = await response.text();
      const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter(
        ([, attributes, body]) => body!.trim() !== "" && !/type="application\/json"/.test(attributes!),
      );
      const hashOf = (body: string) => `'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`;
      expect(
        inline.filter(([, , body]) => !allowed?.includes(hashOf(body!))).map(([tag]) => tag.slice(0, 120)),
        url,
      ).toEqual([]);
      expect(
        inline.map(([, , body]) => hashOf(body!)),
        url,
      ).toEqual([AFTER_PAINT_LOADER_HASH]);
    }
  });

  it("every page loads and hydrates in Chromium with no violation, error or warning", async () => {
    for (const url of pages()) {
      const page = await browser.newPage();
      const problems = await watchProblems(page);
      const response = await page.goto(url, { waitUntil: "networkidle" });
      expect(response?.status(), url).toBe(200);
      // Next's router is live only once hydration ran: a client-side navigation works.
      await page.click('nav a[href="/search"]');
      await page.waitForURL(`${server.url}/search`);
      expect(problems, url).toEqual({ console: [], violations: [], errors: [] });
      await page.close();
    }
  });

  it("the policy is enforced: an injected inline script does not run", async () => {
    const page = await browser.newPage();
    const problems = await watchProblems(page);
    await page.goto(server.url, { waitUntil: "networkidle" });
    const ran = await page.evaluate(async () => {
      const script = document.createElement("script");
      script.textContent = "window.__injected = true";
      document.body.append(script);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ran).toBe(false);
    expect(problems.violations).toEqual([expect.stringMatching(/^script-src-elem blocked inline \(enforce\)$/)]);
    await page.close();
  });
});
