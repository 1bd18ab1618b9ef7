import { describe, expect, it } from "vitest";
import { toJson } from "./json-response";

describe("toJson", () => {
  it.each([
    ["a page with dates", { items: [{ id: 1, at: new Date(0), author: { id: 2, name: "Ada" } }], page: 1, total: 9 }],
    ["what JSON leaves out", { a: undefined, b: () => 1, c: [undefined, () => 1, Symbol("s")], d: null, e: 'x"y' }],
    ["primitives", [1, "two", true, null, 3.5, -0]],
    ["a class instance with toJSON", { when: new Date(86_400_000), url: new URL("https://example.com/a?b=c") }],
    ["nested frozen parts", { items: Object.freeze([Object.freeze({ id: 1, at: new Date(0) })]), page: 2 }],
  ])("writes %s as JSON.stringify does", (_, value) => {
    expect(toJson(value)).toBe(JSON.stringify(value));
  });

  it("serialises a frozen value once, however many responses carry it", () => {
    let reads = 0;
    const rows = Object.freeze([
      Object.freeze({
        get title() {
          reads += 1;
          return "cached";
        },
      }),
    ]);
    const first = toJson({ items: rows, page: 1 });
    const second = toJson({ items: rows, page: 2 });
    expect(reads).toBe(1);
    expect(first).toBe('{"items":[{"title":"cached"}],"page":1}');
    expect(second).toBe('{"items":[{"title":"cached"}],"page":2}');
  });
});
