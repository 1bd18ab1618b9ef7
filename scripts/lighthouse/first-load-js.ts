import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { ROOT } from "./pages";

// Next 16 no longer prints page sizes after `next build`. This reads the build manifest and
// prints, for each page, the JavaScript a first visit downloads (the app shell plus the page's
// own chunks), gzipped as `next start` serves it. Prefetched and lazily loaded chunks are not counted.

interface BuildManifest {
  pages: Record<string, string[]>;
  rootMainFiles: string[];
}

export interface PageWeight {
  page: string;
  files: number;
  gzipBytes: number;
}

export function firstLoadJs(nextDir = path.join(ROOT, ".next")): PageWeight[] {
  const manifest = JSON.parse(readFileSync(path.join(nextDir, "build-manifest.json"), "utf8")) as BuildManifest;
  // Polyfills are served as `nomodule` scripts, which current browsers skip.
  const shell = [...manifest.rootMainFiles, ...(manifest.pages["/_app"] ?? [])];
  const gzipped = new Map<string, number>();
  const sizeOf = (file: string) => {
    if (!gzipped.has(file)) gzipped.set(file, gzipSync(readFileSync(path.join(nextDir, file)), { level: 9 }).length);
    return gzipped.get(file) ?? 0;
  };
  return Object.entries(manifest.pages)
    .filter(([page]) => !page.startsWith("/_"))
    .map(([page, files]) => {
      const scripts = [...new Set([...shell, ...files])].filter((file) => file.endsWith(".js"));
      return { page, files: scripts.length, gzipBytes: scripts.reduce((sum, file) => sum + sizeOf(file), 0) };
    });
}

function parseBudget(argv: string[]): number | undefined {
  const match = argv.map((arg) => /^--max-kb=(\d+(?:\.\d+)?)$/.exec(arg)).find(Boolean);
  return match ? Number(match[1]) * 1000 : undefined;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const budget = parseBudget(process.argv.slice(2));
  const pages = firstLoadJs();
  const lines = pages.map(
    ({ page, files, gzipBytes }) =>
      `${page.padEnd(14)} ${(gzipBytes / 1000).toFixed(1).padStart(7)} kB in ${files} files`,
  );
  process.stdout.write(`First-load JavaScript per page (gzip)\n${lines.join("\n")}\n`);
  const over = budget === undefined ? [] : pages.filter((page) => page.gzipBytes > budget);
  if (over.length > 0) {
    process.stderr.write(`Over the ${budget! / 1000} kB budget: ${over.map((page) => page.page).join(", ")}\n`);
    process.exit(1);
  }
}
