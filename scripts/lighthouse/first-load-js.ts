import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { defineCommand, parseCommand, runMain, UsageError } from "../cli";
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

export const firstLoadJsCommand = defineCommand({
  usage: "npm run first-load-js -- [--max-kb KB]",
  description: "First-load JavaScript per page of the last build (gzip), failing when a page is over --max-kb.",
  flags: {
    "max-kb": { type: "string", placeholder: "KB", description: "the budget per page in kB (1 kB = 1000 bytes)" },
  },
});

/** The budget in bytes, or undefined for a report without one. */
export function parseFirstLoadJsArgs(argv: readonly string[]): { budget: number | undefined } {
  const value = parseCommand(firstLoadJsCommand, argv).values["max-kb"];
  if (value === undefined) return { budget: undefined };
  if (!/^\d+(?:\.\d+)?$/.test(value)) throw new UsageError(`--max-kb must be a number of kB (got "${value}")`);
  return { budget: Number(value) * 1000 };
}

async function main({ budget }: { budget: number | undefined }): Promise<number> {
  const pages = firstLoadJs();
  const lines = pages.map(
    ({ page, files, gzipBytes }) =>
      `${page.padEnd(14)} ${(gzipBytes / 1000).toFixed(1).padStart(7)} kB in ${files} files`,
  );
  process.stdout.write(`First-load JavaScript per page (gzip)\n${lines.join("\n")}\n`);
  const over = budget === undefined ? [] : pages.filter((page) => page.gzipBytes > budget);
  if (over.length === 0) return 0;
  process.stderr.write(`Over the ${budget! / 1000} kB budget: ${over.map((page) => page.page).join(", ")}\n`);
  return 1;
}

runMain(import.meta.url, {
  spec: firstLoadJsCommand,
  options: parseFirstLoadJsArgs,
  main,
  onError: (error) =>
    process.stderr.write(`first-load-js: ${error instanceof Error ? error.message : String(error)}\n`),
});
