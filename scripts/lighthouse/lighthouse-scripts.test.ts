import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { firstLoadJs } from "./first-load-js";
import { auditedUrls, configFor, rebase } from "./pages";
import { formatFigures, loadSavedRuns, summarise } from "./summary";

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "lighthouse-scripts-"));
  dirs.push(dir);
  return dir;
}

describe("audited pages", () => {
  it("keep path and query and take the server's origin", () => {
    expect(rebase("http://127.0.0.1:3000/search?q=postgresql", "https://preview.example.com")).toBe(
      "https://preview.example.com/search?q=postgresql",
    );
    expect(auditedUrls("http://127.0.0.1:3400").every((url) => url.startsWith("http://127.0.0.1:3400/"))).toBe(true);
  });

  it("make a run's config that keeps the Chrome flags when settings are added", () => {
    const config = configFor("https://preview.example.com", { skipAudits: ["is-crawlable"] });
    expect(config.ci.collect.url).toEqual(auditedUrls("https://preview.example.com"));
    expect(config.ci.collect.settings).toMatchObject({
      chromeFlags: expect.stringContaining("--headless"),
      skipAudits: ["is-crawlable"],
    });
  });
});

describe("first-load JavaScript", () => {
  it("adds the app shell to each page's own chunks, counts shared files once and ignores CSS", () => {
    const nextDir = tempDir();
    mkdirSync(path.join(nextDir, "static"));
    const files = { "static/shell.js": "a".repeat(5_000), "static/page.js": "let page = 1;", "static/app.css": "x" };
    for (const [file, text] of Object.entries(files)) writeFileSync(path.join(nextDir, file), text);
    writeFileSync(
      path.join(nextDir, "build-manifest.json"),
      JSON.stringify({
        polyfillFiles: [],
        rootMainFiles: [],
        pages: {
          "/_app": ["static/shell.js", "static/app.css"],
          "/": ["static/page.js", "static/shell.js"],
          "/about": [],
        },
      }),
    );
    const gz = (text: string) => gzipSync(text, { level: 9 }).length;
    expect(firstLoadJs(nextDir)).toEqual([
      { page: "/", files: 2, gzipBytes: gz(files["static/shell.js"]) + gz(files["static/page.js"]) },
      { page: "/about", files: 1, gzipBytes: gz(files["static/shell.js"]) },
    ]);
  });
});

describe("run summary", () => {
  const run = (url: string, tbt: number, performance: number) => ({
    finalUrl: url,
    categories: { performance: { score: performance }, accessibility: { score: 1 } },
    audits: {
      "first-contentful-paint": { numericValue: 800 },
      "largest-contentful-paint": { numericValue: 1000 },
      interactive: { numericValue: 2000 },
      "total-blocking-time": { numericValue: tbt },
      "cumulative-layout-shift": { numericValue: 0 },
      "total-byte-weight": { numericValue: 150_000 },
      "resource-summary": { details: { items: [{ resourceType: "script", transferSize: 120_000 }] } },
    },
  });

  it("reports the median of each figure per page from the saved runs", () => {
    const dir = tempDir();
    const runs = [run("http://h/a", 300, 0.9), run("http://h/a", 100, 1), run("http://h/a", 120, 0.95)];
    runs.forEach((lhr, i) => writeFileSync(path.join(dir, `lhr-${i}.json`), JSON.stringify(lhr)));
    writeFileSync(path.join(dir, "assertion-results.json"), "[]");
    const [page] = summarise(loadSavedRuns(dir));
    expect(page).toMatchObject({ path: "/a", runs: 3, tbtMs: 120, scriptBytes: 120_000 });
    expect(page?.scores).toEqual({ performance: 0.95, accessibility: 1 });
  });

  it("takes the mean of the middle two for an even number of runs and prints a table row per page", () => {
    const pages = summarise([run("http://h/b?q=x", 100, 1), run("http://h/b?q=x", 200, 1)]);
    expect(pages[0]?.tbtMs).toBe(150);
    expect(formatFigures(pages).split("\n")[2]).toBe(
      "| `/b?q=x` | 1.00 | 1.00 | 0.00 | 0.00 | 800 ms | 1000 ms | 2000 ms | 150 ms | 0.000 | 150.0 kB | 120.0 kB |",
    );
  });
});
