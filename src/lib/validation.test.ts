import { describe, expect, it } from "vitest";
import { zText } from "./validation";

describe("zText", () => {
  const title = zText({ max: 10 });

  it("trims and bounds text", () => {
    expect(title.parse("  hi  ")).toBe("hi");
    expect(title.safeParse("   ").error?.issues[0]?.message).toBe("is required");
    expect(title.safeParse("x".repeat(11)).error?.issues[0]?.message).toBe("must be 10 characters or less");
    expect(title.safeParse(undefined).error?.issues[0]?.message).toBe("is required");
    expect(title.safeParse(42).error?.issues[0]?.message).toBe("must be text");
  });

  it.each(["a\0b", "\0", "ab\ud800", "\udfffab"])("refuses %j, which PostgreSQL or UTF-8 cannot store", (text) => {
    expect(title.safeParse(text).error?.issues[0]?.message).toMatch(/NUL|surrogate/);
  });

  it("accepts paired surrogates (emoji) and other scripts", () => {
    expect(title.parse("ok 😀 ü 漢")).toBe("ok 😀 ü 漢");
  });

  it("refuses a huge value before scanning it", () => {
    expect(title.safeParse(`${"\0".repeat(1_000_000)}`).error?.issues).toHaveLength(1);
    expect(title.safeParse(`${"\0".repeat(1_000_000)}`).error?.issues[0]?.message).toMatch(/or less/);
  });
});
