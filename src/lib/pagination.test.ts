import { describe, expect, it } from "vitest";
import { mapPage, toPage, toSlice, zPageQuery } from "./pagination";

describe("pagination", () => {
  it("defaults to the first page of 20", () => {
    expect(zPageQuery.parse({})).toEqual({ page: 1, pageSize: 20 });
  });

  it("turns pages into offsets", () => {
    expect(toSlice({ page: 1, pageSize: 20 })).toEqual({ skip: 0, take: 20 });
    expect(toSlice({ page: 4, pageSize: 25 })).toEqual({ skip: 75, take: 25 });
  });

  it("counts pages, with at least one", () => {
    expect(toPage([], 0, { page: 1, pageSize: 20 }).totalPages).toBe(1);
    expect(toPage([], 41, { page: 1, pageSize: 20 }).totalPages).toBe(3);
  });

  it("maps items and keeps the counts", () => {
    expect(mapPage(toPage([1, 2], 2, { page: 1, pageSize: 20 }), (n) => n * 10)).toMatchObject({
      items: [10, 20],
      total: 2,
    });
  });
});
