import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

// What GitHub does with the project's Markdown, closely enough to check it offline: which
// anchors a file's headings get, and whether a relative link lands on a file and an anchor.

export const ROOT = path.resolve(import.meta.dirname, "../..");

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** The file's lines with fenced code blocks blanked, so line numbers still match. */
export function proseLines(markdown: string): string[] {
  let fence: string | null = null;
  return markdown.split("\n").map((line) => {
    const marker = FENCE.exec(line)?.[1];
    if (fence === null && marker) {
      fence = marker;
      return "";
    }
    if (fence !== null) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = null;
      return "";
    }
    return line;
  });
}

/** A heading's text as GitHub renders it: code spans keep their content, markup goes. */
function headingText(raw: string): string {
  return raw
    .replace(/\s+#+\s*$/, "")
    .split(/(`[^`]*`)/)
    .map((part) =>
      part.startsWith("`")
        ? part.slice(1, -1)
        : part
            .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
            .replace(/<[^>]+>/g, "")
            // Emphasis underscores sit at a word's edge; those inside a word are text.
            .replace(/(^|[^\p{L}\p{N}])_+|_+(?=[^\p{L}\p{N}]|$)/gu, "$1"),
    )
    .join("")
    .trim();
}

/** GitHub's slug (github-slugger): lower case, only letters, marks, digits, `_`, `-` and spaces, spaces as `-`. */
function githubSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{Nd}\p{Nl}\p{Pc} -]/gu, "")
    .replace(/ /g, "-");
}

/** Every anchor a Markdown file offers: heading slugs (repeats get -1, -2…) and HTML ids. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const occurrences = new Map<string, number>();
  for (const line of proseLines(markdown)) {
    const heading = /^ {0,3}#{1,6}\s+(.*)$/.exec(line)?.[1];
    if (heading !== undefined) {
      const base = githubSlug(headingText(heading));
      let slug = base;
      while (occurrences.has(slug)) {
        const n = (occurrences.get(base) ?? 0) + 1;
        occurrences.set(base, n);
        slug = `${base}-${n}`;
      }
      occurrences.set(slug, 0);
      anchors.add(slug);
    }
    for (const match of line.matchAll(/<a\s[^>]*\b(?:id|name)="([^"]+)"/g)) anchors.add(match[1]!);
  }
  return anchors;
}

interface Link {
  line: number;
  target: string;
}

/** Targets of inline links, images and reference definitions, outside code. */
export function linksOf(markdown: string): Link[] {
  const links: Link[] = [];
  proseLines(markdown).forEach((raw, index) => {
    const line = raw.replace(/`+[^`]*`+/g, (code) => " ".repeat(code.length));
    const inline = /\]\(\s*(<[^>]*>|(?:[^\s()]|\([^\s()]*\))*)(?:\s+"[^"]*")?\s*\)/g;
    for (const match of line.matchAll(inline)) links.push({ line: index + 1, target: match[1]!.replace(/^<|>$/g, "") });
    const definition = /^ {0,3}\[[^\]]+\]:\s*(\S+)/.exec(line);
    if (definition) links.push({ line: index + 1, target: definition[1]! });
  });
  return links;
}

const anchorCache = new Map<string, Set<string>>();

function anchorsOfFile(file: string): Set<string> {
  let anchors = anchorCache.get(file);
  if (!anchors) anchorCache.set(file, (anchors = anchorsOf(readFileSync(file, "utf8"))));
  return anchors;
}

/** Why a link from `fromFile` does not resolve, or null when it does (or is not relative). */
export function brokenReason(fromFile: string, target: string): string | null {
  if (/^[a-z][a-z\d+.-]*:/i.test(target) || target.startsWith("//")) return null;
  const hashAt = target.indexOf("#");
  const rawPath = (hashAt === -1 ? target : target.slice(0, hashAt)).replace(/\?.*$/, "");
  const anchor = hashAt === -1 ? "" : decodeURIComponent(target.slice(hashAt + 1));
  const decoded = decodeURIComponent(rawPath);
  let file =
    rawPath === ""
      ? fromFile
      : path.resolve(decoded.startsWith("/") ? ROOT : path.dirname(fromFile), `.${path.sep}${decoded}`);
  if (path.relative(ROOT, file).startsWith("..")) return "points outside the repository";
  if (!existsSync(file)) return "no such file";
  if (anchor === "") return null;
  if (statSync(file).isDirectory()) file = path.join(file, "README.md");
  if (!file.endsWith(".md") || !existsSync(file)) {
    const lines = /^L(\d+)(?:-L(\d+))?$/.exec(anchor);
    const count = existsSync(file) ? readFileSync(file, "utf8").split("\n").length : 0;
    return lines && Number(lines[2] ?? lines[1]) <= count
      ? null
      : `no anchor #${anchor} in a file that is not Markdown`;
  }
  return anchorsOfFile(file).has(anchor) ? null : `no heading makes the anchor #${anchor}`;
}

const SKIPPED_DIRS = new Set([
  "node_modules",
  ".git",
  ".next",
  "out",
  "coverage",
  ".data",
  ".lighthouseci",
  ".vercel",
  "generated",
]);
const TEXT_FILE = /\.(md|ts|tsx|js|mjs|cjs|json|ya?ml|sql|prisma|toml|sh|css)$|^\.env\.example$|^run$/;

/** The project's own text files (what git tracks, give or take ignored build output). */
export function projectFiles(dir = ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : projectFiles(full);
    return TEXT_FILE.test(entry.name) && entry.name !== "package-lock.json" ? [full] : [];
  });
}

/** `A3` (a part of the article) or `A3.4` (one practice), as the project cites them. */
export const ARTICLE_CODE = /\bA\d+(?:\.\d+)?\b/g;
