import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatDuration, formatNumber, plural } from "./format";

// The formatters avoid Intl in the browser (format.ts says why); Node's Intl is the reference.
const intlDate = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
const intlDateTime = new Intl.DateTimeFormat("en", {
  dateStyle: "medium",
  timeStyle: "medium",
  hourCycle: "h23",
  timeZone: "UTC",
});

/** Moments spread over 1970–2100, each month's ends and midnight included. */
function* moments(): Generator<string> {
  for (let year = 1970; year <= 2100; year += 13) {
    for (let month = 0; month < 12; month++) {
      yield new Date(Date.UTC(year, month, 1, 0, 0, 0)).toISOString();
      yield new Date(Date.UTC(year, month + 1, 0, 23, 59, 59, 999)).toISOString();
      yield new Date(Date.UTC(year, month, 15, 9, 5, 7)).toISOString();
    }
  }
}

describe("format", () => {
  it("formats dates in UTC, the same on server and browser", () => {
    expect(formatDate("2026-03-01T23:30:00Z")).toBe("Mar 1, 2026");
  });

  it("writes dates and moments exactly as Intl's English medium styles do", () => {
    for (const iso of moments()) {
      expect(formatDate(iso), iso).toBe(intlDate.format(new Date(iso)));
      expect(formatDateTime(iso), iso).toBe(`${intlDateTime.format(new Date(iso))} UTC`);
    }
  });

  it("pluralises with grouped digits", () => {
    expect(plural(1, "comment")).toBe("1 comment");
    expect(plural(0, "comment")).toBe("0 comments");
    expect(plural(1200, "reply", "replies")).toBe("1,200 replies");
  });

  it("groups digits and fixes decimals as toLocaleString('en') does", () => {
    const values = [0, 7, 999, 1000, 12_345, 999_999, 1_000_000, 1_234_567_890, -1234, 0.5, 1234.567, -0.001, 99.995];
    for (const value of values) {
      expect(formatNumber(value), String(value)).toBe(value.toLocaleString("en", { maximumFractionDigits: 0 }));
      for (const digits of [1, 2]) {
        expect(formatNumber(value, digits), `${value} ${digits}`).toBe(
          value.toLocaleString("en", { minimumFractionDigits: digits, maximumFractionDigits: digits }),
        );
      }
    }
  });

  it("formats moments to the second in UTC, naming the zone", () => {
    expect(formatDateTime("2026-12-06T03:04:05.678Z")).toBe("Dec 6, 2026, 03:04:05 UTC");
  });

  it("says how long in its two largest units", () => {
    expect(formatDuration(0)).toBe("0 s");
    expect(formatDuration(42.7)).toBe("42 s");
    expect(formatDuration(3_600 + 5 * 60 + 9)).toBe("1 h 5 min");
    expect(formatDuration(3 * 86_400 + 4 * 3_600)).toBe("3 d 4 h");
    expect(formatDuration(86_400 + 30)).toBe("1 d 0 h");
  });
});
