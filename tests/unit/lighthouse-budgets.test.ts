import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ADMIN_PATHS, LIGHTHOUSERC, ROOT, WRITER_PATHS } from "../../scripts/lighthouse/pages";

// The budgets in lighthouserc.json, checked by the real `lhci assert` against Lighthouse
// results made to sit inside or outside them. No browser: the point is that the same command
// CI runs turns a page over budget into a failed build.

type Threshold = { maxNumericValue?: number; minScore?: number };
type Assertion = [level: string, threshold: Threshold];
interface Rc {
  ci: {
    collect: { url: string[]; numberOfRuns: number };
    assert: { aggregationMethod: string; assertions: Record<string, Assertion> };
  };
}
interface AssertionResult {
  url: string;
  auditId: string;
  auditProperty?: string;
  passed: boolean;
  level: string;
}

const rc = JSON.parse(readFileSync(LIGHTHOUSERC, "utf8")) as Rc;
const { assertions } = rc.ci.assert;
const LHCI_BIN = createRequire(import.meta.url).resolve("@lhci/cli/src/cli.js");
const workDirs: string[] = [];

afterAll(() => workDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A value that meets the threshold, or one that misses it. */
function valueFor({ maxNumericValue, minScore }: Threshold, within: boolean): number {
  if (maxNumericValue !== undefined) return within ? maxNumericValue / 2 : maxNumericValue * 2 + 1;
  if (minScore !== undefined) return within ? 1 : minScore - 0.1;
  throw new Error("unsupported threshold");
}

/** A Lighthouse result with every asserted metric inside its budget except the ones overridden. */
function lighthouseResult(url: string, overrides: Record<string, number> = {}) {
  const categories: Record<string, { id: string; score: number }> = {};
  const audits: Record<string, { id: string; score: number; numericValue?: number; details?: unknown }> = {};
  const resources: { resourceType: string; requestCount: number; transferSize: number }[] = [];
  for (const [key, [, threshold]] of Object.entries(assertions)) {
    const value = overrides[key] ?? valueFor(threshold, true);
    const [auditId, ...property] = key.split(":") as [string, ...string[]];
    if (auditId === "categories") categories[property[0]!] = { id: property[0]!, score: value };
    else if (auditId === "resource-summary") {
      const [resourceType, measure] = property as [string, "count" | "size"];
      let row = resources.find((r) => r.resourceType === resourceType);
      if (!row) resources.push((row = { resourceType, requestCount: 0, transferSize: 0 }));
      row[measure === "count" ? "requestCount" : "transferSize"] = value;
    } else if (threshold.minScore !== undefined) audits[auditId] = { id: auditId, score: value };
    else audits[auditId] = { id: auditId, score: 1, numericValue: value };
  }
  audits["resource-summary"] = { id: "resource-summary", score: 1, details: { type: "table", items: resources } };
  return { lighthouseVersion: "12.6.1", requestedUrl: url, finalUrl: url, categories, audits };
}

function runAssert(results: ReturnType<typeof lighthouseResult>[]) {
  const dir = mkdtempSync(path.join(tmpdir(), "lhci-budgets-"));
  workDirs.push(dir);
  // Where `lhci collect` leaves its results (lhci's --lhr folder option reads from here anyway).
  const lhrDir = path.join(dir, ".lighthouseci");
  mkdirSync(lhrDir);
  results.forEach((lhr, i) => writeFileSync(path.join(lhrDir, `lhr-${i}.json`), JSON.stringify(lhr)));
  const run = spawnSync(process.execPath, [LHCI_BIN, "assert", `--config=${LIGHTHOUSERC}`], {
    cwd: dir,
    encoding: "utf8",
  });
  const saved = path.join(lhrDir, "assertion-results.json");
  const failures = (JSON.parse(readFileSync(saved, "utf8")) as AssertionResult[]).filter((r) => !r.passed);
  return { status: run.status, output: run.stderr + run.stdout, failures };
}

function assertionKey(result: AssertionResult): string {
  if (result.auditId === "categories") return `categories:${result.auditProperty}`;
  if (result.auditProperty) return `${result.auditId}:${result.auditProperty.replace(".", ":")}`;
  return result.auditId;
}

const runs = (make: () => ReturnType<typeof lighthouseResult>) => Array.from({ length: 3 }, make);

describe("lighthouserc.json budgets", () => {
  it("are at least as strict as the article's and fail the build as errors", () => {
    const ceilings: Record<string, number> = {
      "first-contentful-paint": 2000,
      interactive: 3000,
      "total-byte-weight": 500_000,
      "largest-contentful-paint": 2500,
      "cumulative-layout-shift": 0.1,
      "total-blocking-time": 200,
    };
    for (const [audit, ceiling] of Object.entries(ceilings)) {
      expect(assertions[audit]?.[1].maxNumericValue, audit).toBeLessThanOrEqual(ceiling);
    }
    for (const category of ["performance", "accessibility", "best-practices", "seo"]) {
      expect(assertions[`categories:${category}`]?.[1].minScore, category).toBeGreaterThanOrEqual(0.9);
    }
    expect(Object.values(assertions).every(([level]) => level === "error")).toBe(true);
    expect(rc.ci.collect.numberOfRuns).toBeGreaterThanOrEqual(3);
    expect(rc.ci.assert.aggregationMethod).toBe("median");
  });

  const pageRoutes = () =>
    readdirSync(path.join(ROOT, "src/pages"), { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".tsx") && !file.startsWith("api") && !/(^|\/)(_|404)/.test(file))
      .map((file) => `/${file.replace(/\.tsx$/, "").replace(/(^|\/)index$/, "")}`)
      // An optional catch-all also matches its parent path (`[[...feed]]` is `/`).
      .map((route) => route.replace(/\/?\[\[\.\.\.[^\]]+\]\]$/, "").replace(/\/$/, "") || "/");
  const isAdmin = (route: string) => route === "/admin" || route.startsWith("/admin/");

  // Audited signed in, at the paths of WRITER_PATHS, rather than from lighthouserc.json.
  const WRITE_ROUTES = ["/posts/[id]/edit", "/posts/new"];

  it("cover every public page", () => {
    const routes = pageRoutes().filter((route) => !isAdmin(route) && !WRITE_ROUTES.includes(route));
    const audited = rc.ci.collect.url.map((url) => new URL(url).pathname);
    expect(routes.length).toBeGreaterThanOrEqual(4);
    for (const route of routes) {
      const pattern = new RegExp(`^${route.replace(/\[[^\]]+\]/g, "[^/]+")}$`);
      expect(
        audited.some((pathname) => pattern.test(pathname)),
        route,
      ).toBe(true);
    }
  });

  it("cover every admin console page, which the local run audits signed in as an admin", () => {
    expect(pageRoutes().filter(isAdmin).sort()).toEqual([...ADMIN_PATHS].sort());
  });

  it("cover both write pages, which the local run audits signed in", () => {
    expect(pageRoutes().filter((route) => WRITE_ROUTES.includes(route))).toHaveLength(WRITE_ROUTES.length);
    const pattern = (route: string) => new RegExp(`^${route.replace(/\[[^\]]+\]/g, "[^/]+")}$`);
    expect(WRITE_ROUTES.map((route) => WRITER_PATHS.filter((page) => pattern(route).test(page)).length)).toEqual([
      1, 1,
    ]);
  });

  it("pass runs that stay inside every budget", () => {
    const result = runAssert(runs(() => lighthouseResult("http://127.0.0.1:3000/")));
    expect(result.failures).toEqual([]);
    expect(result.status, result.output).toBe(0);
  });

  it("fail the build when any single budget is broken, naming that budget", () => {
    const keys = Object.keys(assertions);
    const urlFor = (key: string) => `http://127.0.0.1:3000/over/${encodeURIComponent(key)}`;
    const results = keys.flatMap((key) =>
      runs(() => lighthouseResult(urlFor(key), { [key]: valueFor(assertions[key]![1], false) })),
    );
    const { status, failures } = runAssert(results);
    expect(status).toBe(1);
    for (const key of keys) {
      expect(failures.filter((f) => f.url === urlFor(key)).map(assertionKey), key).toEqual([key]);
    }
  });

  it("fail the build for a large image added without dimensions", () => {
    const url = "http://127.0.0.1:3000/posts/1";
    const withHeroImage = lighthouseResult(url, {
      "total-byte-weight": 2_400_000,
      "unsized-images": 0,
      "largest-contentful-paint": 4_100,
      "cumulative-layout-shift": 0.24,
    });
    const { status, output, failures } = runAssert(runs(() => withHeroImage));
    expect(status).toBe(1);
    expect(failures.map(assertionKey).sort()).toEqual(
      ["cumulative-layout-shift", "largest-contentful-paint", "total-byte-weight", "unsized-images"].sort(),
    );
    expect(output).toContain("Assertion failed");
  });

  it("judge blocking time on the best run: a slow run from a busy machine passes, a slower page fails", () => {
    const url = (name: string) => `http://127.0.0.1:3000/${name}`;
    const withTbt = (name: string, values: number[]) =>
      values.map((tbt) => lighthouseResult(url(name), { "total-blocking-time": tbt }));
    const { failures } = runAssert([...withTbt("noisy", [650, 90, 120]), ...withTbt("slower", [260, 300, 280])]);
    expect(failures.map((f) => `${f.url} ${assertionKey(f)}`)).toEqual([`${url("slower")} total-blocking-time`]);
  });
});
