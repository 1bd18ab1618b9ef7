import { describe, expect, it, vi } from "vitest";
import { readCachedPage } from "./cached-page";
import { toJson } from "./json-response";
import { Cache, createMemoryStore } from "./redis";

const cacheOn = () =>
  new Cache({ store: createMemoryStore(), namespace: "pages", logger: { warn: vi.fn(), error: vi.fn() } });

function feedRead(rows: string[], total: () => number) {
  return {
    query: { page: 1, pageSize: 2 },
    items: { key: "feed:p1", load: vi.fn(async () => rows.slice(0, 2)), ttl: 60, tags: ["lists"] },
    count: { key: "feed:count", load: vi.fn(async () => total()), ttl: 60, tags: ["counts"] },
  };
}

describe("readCachedPage", () => {
  it("reads the rows and the total, then serves both from the cache", async () => {
    const cache = cacheOn();
    const read = feedRead(["a", "b", "c"], () => 3);
    const first = await readCachedPage(cache, read);
    const second = await readCachedPage(cache, read);
    expect(first).toEqual({ items: ["a", "b"], page: 1, pageSize: 2, total: 3, totalIsEstimate: false, totalPages: 2 });
    expect(second).toEqual(first);
    expect(read.items.load).toHaveBeenCalledOnce();
    expect(read.count.load).toHaveBeenCalledOnce();
  });

  it("hands every hit the same frozen page, so its JSON text is made once", async () => {
    const cache = cacheOn();
    const read = feedRead(["a", "b", "c"], () => 3);
    await readCachedPage(cache, read); // the miss stores the rows
    const hit = await readCachedPage(cache, read);
    const again = await readCachedPage(cache, read);
    expect(again).toBe(hit);
    expect(Object.isFrozen(hit)).toBe(true);
    expect(toJson(again)).toBe(toJson(hit));
    expect(JSON.parse(toJson(hit))).toEqual(hit);
  });

  it("builds a new page around the same rows when the total changed", async () => {
    const cache = cacheOn();
    let total = 3;
    const read = feedRead(["a", "b", "c"], () => total);
    await readCachedPage(cache, read);
    const before = await readCachedPage(cache, read);
    total = 4;
    await cache.invalidate("counts"); // the rows stay cached, the total is read again
    const after = await readCachedPage(cache, read);
    expect(after.items).toBe(before.items);
    expect(after).not.toBe(before);
    expect(after.total).toBe(4);
    expect(JSON.parse(toJson(after))).toMatchObject({ total: 4, totalPages: 2 });
  });

  it("asks another page of the same rows for a page of its own", async () => {
    const cache = cacheOn();
    const read = feedRead(["a", "b", "c"], () => 3);
    await readCachedPage(cache, read);
    const first = await readCachedPage(cache, read);
    const sized = await readCachedPage(cache, { ...read, query: { page: 1, pageSize: 3 } });
    expect(sized.pageSize).toBe(3);
    expect(first.pageSize).toBe(2);
  });
});
