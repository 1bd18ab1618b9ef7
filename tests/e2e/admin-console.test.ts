import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmbeddedPostgres } from "../../scripts/db/embedded";
import { signInAsNewAdmin } from "../../scripts/lighthouse/admin-session";
import { ADMIN_PATHS, WRITER_PATHS } from "../../scripts/lighthouse/pages";
import { launchBrowser, watchProblems } from "#tests/browser";
import { startProductionServer, type ProductionServer } from "#tests/production-server";
import { startSeededDatabase } from "#tests/seeded-database";

// The admin console on the production build, in Chromium: an admin signs in, switches the
// seeded-off live-search flag, and the search page upgrades to live results. Everyone else
// gets the 404 page.

let database: EmbeddedPostgres;
let server: ProductionServer;
let browser: Browser;
let adminCookie: string;

beforeAll(async () => {
  database = await startSeededDatabase();
  server = await startProductionServer({ DATABASE_URL: database.url });
  browser = await launchBrowser();
  adminCookie = await signInAsNewAdmin(database.url, server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await database?.stop();
});

/** A browser signed in with the admin's session cookie (Secure and HttpOnly, as the server set it). */
async function adminPage(): Promise<Page> {
  const context = await browser.newContext();
  await context.addCookies(
    adminCookie.split("; ").map((pair) => {
      const [name = "", value = ""] = pair.split(/=(.*)/s);
      // By domain: Chromium refuses a Secure cookie given for an http:// URL, yet sends one to 127.0.0.1.
      const domain = new URL(server.url).hostname;
      return { name, value, domain, path: "/", secure: true, httpOnly: true, sameSite: "Lax" as const };
    }),
  );
  return context.newPage();
}

/** The search page in a fresh browser (no cached copy), as the server rendered it. */
async function openSearch(): Promise<{ page: Page; liveSearch: boolean }> {
  const page = await (await browser.newContext()).newPage();
  const response = await page.goto(`${server.url}/search`, { waitUntil: "networkidle" });
  expect(response?.status()).toBe(200);
  const liveSearch = await page.evaluate(
    () => JSON.parse(document.getElementById("__NEXT_DATA__")?.textContent ?? "{}").props.pageProps.data.liveSearch,
  );
  return { page, liveSearch };
}

describe("the admin console, in the production build", () => {
  it("is the 404 page for anyone who is not an admin", async () => {
    for (const path of ADMIN_PATHS) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).toContain("Page not found");
    }
    const post = await fetch(`${server.url}/api/admin/flags`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url },
      body: JSON.stringify({ key: "live-search", enabled: true }),
    });
    expect(post.status).toBe(404);
  });

  it("serves every section to an admin, private and uncached, with nothing the CSP blocks", async () => {
    const page = await adminPage();
    const problems = await watchProblems(page);
    for (const path of ADMIN_PATHS) {
      const response = await page.goto(`${server.url}${path}`, { waitUntil: "networkidle" });
      expect(response?.status(), path).toBe(200);
      expect(response?.headers()["cache-control"], path).toBe("private, no-store");
      await expect(page.locator("h1").textContent()).resolves.toBeTruthy();
    }
    expect(problems).toEqual({ console: [], violations: [], errors: [] });
    await page.context().close();
  });

  it("the admin that audits sign in is confirmed: the write pages show it their forms", async () => {
    const page = await adminPage();
    const problems = await watchProblems(page);
    for (const path of WRITER_PATHS) {
      await page.goto(`${server.url}${path}`);
      await page.getByLabel("Title").waitFor();
      await page.getByLabel("Text").waitFor();
    }
    expect(problems).toEqual({ console: [], violations: [], errors: [] });
    await page.context().close();
  });

  it("an admin switches live-search on, and the search page updates as the reader types", async () => {
    const before = await openSearch();
    expect(before.liveSearch).toBe(false);
    await before.page.context().close();

    const page = await adminPage();
    const problems = await watchProblems(page);
    await page.goto(`${server.url}/admin/flags`, { waitUntil: "networkidle" });
    const row = page.locator("tr", { has: page.locator("th code", { hasText: /^live-search$/ }) });
    await expect(row.locator("td").nth(1).textContent()).resolves.toBe("off");
    await Promise.all([
      page.waitForURL(`${server.url}/admin/flags`, { waitUntil: "networkidle" }),
      row.getByRole("button", { name: "Turn on live-search" }).click(),
    ]);
    await expect(row.locator("td").nth(1).textContent()).resolves.toBe("on");
    const latest = page.locator("table").nth(1).locator("tbody tr").first();
    await expect(latest.textContent()).resolves.toMatch(
      /live-search.*on.*Console admin <console-[0-9a-f]+@example\.test>/,
    );
    expect(problems).toEqual({ console: [], violations: [], errors: [] });
    await page.context().close();

    const after = await openSearch();
    expect(after.liveSearch).toBe(true);
    const searched = after.page.waitForRequest((request) => request.url().includes("/api/trpc/posts.search"));
    await after.page.fill("#q", "Scaling");
    await searched;
    await after.page
      .getByRole("region", { name: "Search results" })
      .getByText(/posts? match/)
      .waitFor();
    await after.page.context().close();
  });
});
