import { describe, expect, it } from "vitest";
import { formatDate, plural } from "./format";

describe("format", () => {
  it("formats dates in UTC, the same on server and browser", () => {
    expect(formatDate("2026-03-01T23:30:00Z")).toBe("Mar 1, 2026");
  });

  it("pluralises with grouped digits", () => {
    expect(plural(1, "comment")).toBe("1 comment");
    expect(plural(0, "comment")).toBe("0 comments");
    expect(plural(1200, "reply", "replies")).toBe("1,200 replies");
  });
});
