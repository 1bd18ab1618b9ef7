import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

// Median figures per page from the runs `lhci collect` saved, printed after every audit so
// the numbers in docs/performance.md can be refreshed from any run.

interface Lhr {
  finalUrl: string;
  categories: Record<string, { score: number | null }>;
  audits: Record<
    string,
    { numericValue?: number; details?: { items?: { resourceType: string; transferSize: number }[] } }
  >;
}

export interface PageFigures {
  path: string;
  runs: number;
  scores: Record<string, number>;
  fcpMs: number;
  lcpMs: number;
  ttiMs: number;
  tbtMs: number;
  cls: number;
  totalBytes: number;
  scriptBytes: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function summarise(lhrs: Lhr[]): PageFigures[] {
  const byUrl = new Map<string, Lhr[]>();
  for (const lhr of lhrs) byUrl.set(lhr.finalUrl, [...(byUrl.get(lhr.finalUrl) ?? []), lhr]);
  return [...byUrl].map(([url, runs]) => {
    const metric = (id: string) => median(runs.map((lhr) => lhr.audits[id]?.numericValue ?? Number.NaN));
    const scripts = (lhr: Lhr) =>
      lhr.audits["resource-summary"]?.details?.items?.find((item) => item.resourceType === "script")?.transferSize ?? 0;
    const categories = Object.keys(runs[0]!.categories);
    const { pathname, search } = new URL(url);
    return {
      path: pathname + search,
      runs: runs.length,
      scores: Object.fromEntries(categories.map((c) => [c, median(runs.map((lhr) => lhr.categories[c]?.score ?? 0))])),
      fcpMs: metric("first-contentful-paint"),
      lcpMs: metric("largest-contentful-paint"),
      ttiMs: metric("interactive"),
      tbtMs: metric("total-blocking-time"),
      cls: metric("cumulative-layout-shift"),
      totalBytes: metric("total-byte-weight"),
      scriptBytes: median(runs.map(scripts)),
    };
  });
}

export function loadSavedRuns(dir: string): Lhr[] {
  return readdirSync(dir)
    .filter((file) => /^lhr-\d+\.json$/.test(file))
    .map((file) => JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Lhr);
}

export function formatFigures(pages: PageFigures[]): string {
  const header = "| page | perf | a11y | best practices | SEO | FCP | LCP | TTI | TBT | CLS | bytes | script bytes |";
  const rows = pages.map((p) => {
    const s = p.scores;
    const cells = [
      `\`${p.path}\``,
      ...["performance", "accessibility", "best-practices", "seo"].map((c) => (s[c] ?? 0).toFixed(2)),
      `${Math.round(p.fcpMs)} ms`,
      `${Math.round(p.lcpMs)} ms`,
      `${Math.round(p.ttiMs)} ms`,
      `${Math.round(p.tbtMs)} ms`,
      p.cls.toFixed(3),
      `${(p.totalBytes / 1000).toFixed(1)} kB`,
      `${(p.scriptBytes / 1000).toFixed(1)} kB`,
    ];
    return `| ${cells.join(" | ")} |`;
  });
  return [header, `|${" --- |".repeat(12)}`, ...rows].join("\n");
}
