import { readFileSync } from "node:fs";
import path from "node:path";

// lighthouserc.json is the one list of audited pages. Its URLs point at `next start`'s
// default origin; a run against another server keeps each path and query and swaps the origin.

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const LIGHTHOUSERC = path.join(ROOT, "lighthouserc.json");

/**
 * The admin console's pages, a 404 for anyone but an admin: the local run audits them too,
 * signed in as an admin it creates (a deployment's run has no account to sign in with).
 */
export const ADMIN_PATHS = ["/admin", "/admin/flags", "/admin/slow-queries", "/admin/cache"];

/**
 * The write pages, which send anyone who is not signed in to /sign-in: measured as their users
 * see them, in the same signed-in pass (the admin may edit the seed's first post).
 */
export const WRITER_PATHS = ["/posts/new", "/posts/1/edit"];

interface LighthouseRc {
  ci: { collect: { url: string[]; settings?: Record<string, unknown> } };
}

function readRc(rcPath: string): LighthouseRc {
  return JSON.parse(readFileSync(rcPath, "utf8")) as LighthouseRc;
}

export function auditedUrls(origin: string, rcPath = LIGHTHOUSERC): string[] {
  return readRc(rcPath).ci.collect.url.map((url) => rebase(url, origin));
}

/**
 * lighthouserc.json for one run: its URLs on `origin`, extra Lighthouse settings merged in.
 * (lhci replaces the whole `settings` object when one setting is given on the command line,
 * which would drop the Chrome flags.)
 */
export function configFor(origin: string, settings: Record<string, unknown> = {}, rcPath = LIGHTHOUSERC): LighthouseRc {
  const rc = readRc(rcPath);
  return {
    ...rc,
    ci: {
      ...rc.ci,
      collect: {
        ...rc.ci.collect,
        url: rc.ci.collect.url.map((url) => rebase(url, origin)),
        settings: { ...rc.ci.collect.settings, ...settings },
      },
    },
  };
}

export function rebase(url: string, origin: string): string {
  const { pathname, search } = new URL(url);
  return new URL(pathname + search, origin).toString();
}
