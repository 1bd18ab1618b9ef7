import { describe, expect, it } from "vitest";
import { MAX_OFFSET, toPage, toSlice, zPageQuery } from "./pagination";

describe("pagination", () => {
  it("defaults to the first page of 20", () => {
    expect(zPageQuery.parse({})).toEqual({ page: 1, pageSize: 20 });
  });

  it("turns pages into offsets", () => {
    expect(toSlice({ page: 1, pageSize: 20 })).toEqual({ skip: 0, take: 20 });
    expect(toSlice({ page: 4, pageSize: 25 })).toEqual({ skip: 75, take: 25 });
  });

  it("caps the offset, not the page number", () => {
    expect(toSlice({ page: MAX_OFFSET / 20 + 1, pageSize: 20 })).toEqual({ skip: MAX_OFFSET, take: 20 });
    expect(() => toSlice({ page: MAX_OFFSET / 20 + 2, pageSize: 20 })).toThrow(/page/);
    expect(() => toSlice({ page: MAX_OFFSET / 100 + 2, pageSize: 100 })).toThrow(/page/);
    expect(toSlice({ page: MAX_OFFSET + 1, pageSize: 1 })).toEqual({ skip: MAX_OFFSET, take: 1 });
  });

  it("never offers a page past the cap", () => {
    expect(toPage([], 1_000_000, { page: 1, pageSize: 20 }).totalPages).toBe(MAX_OFFSET / 20 + 1);
  });

  it("counts pages, with at least one", () => {
    expect(toPage([], 0, { page: 1, pageSize: 20 }).totalPages).toBe(1);
    expect(toPage([], 41, { page: 1, pageSize: 20 }).totalPages).toBe(3);
  });
});
