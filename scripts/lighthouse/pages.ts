import { readFileSync } from "node:fs";
import path from "node:path";

// lighthouserc.json is the one list of audited pages. Its URLs point at `next start`'s
// default origin; a run against another server keeps each path and query and swaps the origin.

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const LIGHTHOUSERC = path.join(ROOT, "lighthouserc.json");

interface LighthouseRc {
  ci: { collect: { url: string[] } };
}

export function auditedUrls(origin: string, rcPath = LIGHTHOUSERC): string[] {
  const rc = JSON.parse(readFileSync(rcPath, "utf8")) as LighthouseRc;
  return rc.ci.collect.url.map((url) => rebase(url, origin));
}

export function rebase(url: string, origin: string): string {
  const { pathname, search } = new URL(url);
  return new URL(pathname + search, origin).toString();
}
