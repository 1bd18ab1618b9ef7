import { describe, expect, it } from "vitest";
import { sameOriginPath, signInHref } from "./redirect-path";

describe("sameOriginPath (where ?next= may lead after signing in)", () => {
  it("keeps a path on this site, with its query and hash", () => {
    expect(sameOriginPath("/settings")).toBe("/settings");
    expect(sameOriginPath("/posts/3?page=2#comments")).toBe("/posts/3?page=2#comments");
    expect(sameOriginPath("/search?q=a%20b")).toBe("/search?q=a%20b");
  });

  it.each([
    ["another origin", "https://evil.example/"],
    ["a protocol-relative URL", "//evil.example/path"],
    ["a backslash that browsers read as a slash", "/\\evil.example"],
    ["a tab that URL parsers strip", "/\t/evil.example"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a relative path", "settings"],
    ["nothing", undefined],
    ["a repeated parameter", ["/a", "/b"]],
    ["an empty string", ""],
  ])("refuses %s and falls back", (_name, value) => {
    expect(sameOriginPath(value)).toBe("/");
    expect(sameOriginPath(value, "/settings")).toBe("/settings");
  });

  it("normalises dot segments instead of leaving the site", () => {
    expect(sameOriginPath("/../../etc")).toBe("/etc");
  });
});

describe("signInHref", () => {
  it("comes back to the page after signing in, except from the home page", () => {
    expect(signInHref("/posts/3?page=2")).toBe("/sign-in?next=%2Fposts%2F3%3Fpage%3D2");
    expect(signInHref("/")).toBe("/sign-in");
    expect(sameOriginPath(new URL(signInHref("/settings"), "http://x.test").searchParams.get("next"))).toBe(
      "/settings",
    );
  });
});
