import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { anchorsOf, ARTICLE_CODE, brokenReason, linksOf, projectFiles, proseLines, ROOT } from "#tests/markdown";

// The docs are read on GitHub: a link that lands nowhere, or a code such as "A3.4" that the
// article map does not define, is a broken page for the reader (docs/decisions/0028-article-map-and-checked-docs.md).

const relative = (file: string) => path.relative(ROOT, file).split(path.sep).join("/");
const DOCS = projectFiles()
  .filter((file) => /^(README|ARCHITECTURE|CONTRIBUTING)\.md$|^docs\/.*\.md$/.test(relative(file)))
  .sort();
const ARTICLE_MAP = path.join(ROOT, "docs/article-map.md");

/** The codes in the "Code" column of the article map's table. */
function definedCodes(): Set<string> {
  const lines = proseLines(readFileSync(ARTICLE_MAP, "utf8"));
  const cells = (line: string) =>
    line
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((cell) => cell.trim());
  const header = lines.findIndex((line) => line.startsWith("|") && cells(line).includes("Code"));
  const column = cells(lines[header] ?? "").indexOf("Code");
  const codes = new Set<string>();
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith("|")) break;
    for (const [code] of (cells(line)[column] ?? "").matchAll(ARTICLE_CODE)) codes.add(code);
  }
  return codes;
}

describe("documentation links", () => {
  it("covers the README, ARCHITECTURE, CONTRIBUTING and every page under docs/", () => {
    const names = DOCS.map(relative);
    expect(names).toEqual(
      expect.arrayContaining(["README.md", "ARCHITECTURE.md", "CONTRIBUTING.md", "docs/article-map.md"]),
    );
    expect(names.filter((name) => name.startsWith("docs/decisions/")).length).toBeGreaterThan(30);
  });

  it.each(DOCS.map((file) => [relative(file), file]))("%s: every relative link and anchor resolves", (_name, file) => {
    const broken = linksOf(readFileSync(file, "utf8")).flatMap(({ line, target }) => {
      const reason = brokenReason(file, target);
      return reason ? [`${relative(file)}:${line} (${target}): ${reason}`] : [];
    });
    expect(broken).toEqual([]);
  });
});

describe("docs named in plain text", () => {
  it("exist: comments, scripts, workflows and prose that name a docs/ page name one that is there", () => {
    const missing = projectFiles().flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .flatMap((text, index) =>
          [...text.matchAll(/\bdocs\/[\w./-]+\.md\b/g)]
            .filter(([page]) => !existsSync(path.join(ROOT, page)))
            .map(([page]) => `${relative(file)}:${index + 1} names ${page}`),
        ),
    );
    expect(missing).toEqual([]);
  });
});

describe("article codes", () => {
  const defined = definedCodes();

  it("the article map defines the article's ten parts and the codes of its practices", () => {
    for (let part = 1; part <= 10; part += 1) expect(defined).toContain(`A${part}`);
    expect(defined.size).toBeGreaterThan(30);
  });

  it("every code cited in the project's code, comments and docs is defined in docs/article-map.md", () => {
    const undefinedCitations = projectFiles().flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .flatMap((text, index) =>
          [...text.matchAll(ARTICLE_CODE)]
            .filter(([code]) => !defined.has(code))
            .map(([code]) => `${relative(file)}:${index + 1} cites ${code}`),
        ),
    );
    expect(undefinedCitations).toEqual([]);
  });
});

describe("the link checker", () => {
  const readme = path.join(ROOT, "README.md");

  it("gives headings GitHub's anchors, numbering repeats and skipping code blocks", () => {
    const anchors = anchorsOf(
      "# Costs (€, 10–50 users)\n## Costs (€, 10–50 users)\n### The `users.role` _example_: pg_stat\n" +
        '```bash\n# not a heading\n```\n<a id="kept"></a>\n',
    );
    expect([...anchors]).toEqual(["costs--1050-users", "costs--1050-users-1", "the-usersrole-example-pg_stat", "kept"]);
  });

  it("finds inline links, images and definitions, but not what sits in code", () => {
    const markdown =
      "[a](one.md#x) ![b](two.png) [`api/[id].ts`](../src/pages/api/users/[id].ts) `[c](not.md)`\n" +
      "```\n[d](not-either.md)\n```\n[ref]: three.md\n";
    expect(linksOf(markdown).map((link) => link.target)).toEqual([
      "one.md#x",
      "two.png",
      "../src/pages/api/users/[id].ts",
      "three.md",
    ]);
  });

  it("reports a missing file, a missing anchor and a line past the end, and accepts what exists", () => {
    expect(brokenReason(readme, path.posix.join("docs", "no-such-page.md"))).toBe("no such file");
    expect(brokenReason(readme, "ARCHITECTURE.md#no-such-heading")).toMatch(/no heading makes the anchor/);
    expect(brokenReason(readme, "package.json#L100000")).toMatch(/not Markdown/);
    expect(brokenReason(readme, "../outside.md")).toMatch(/outside the repository/);
    expect(brokenReason(readme, "ARCHITECTURE.md#data-flow")).toBeNull();
    expect(brokenReason(readme, "https://example.com/missing")).toBeNull();
  });
});
