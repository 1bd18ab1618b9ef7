import { describe, expect, it, vi } from "vitest";
import { parseEnv } from "./env";
import { noCache } from "./no-cache";

describe("noCache", () => {
  it("runs the fetcher on every read, concurrent ones included", async () => {
    const fetcher = vi.fn(async () => ({ id: 1 }));
    await Promise.all([noCache.getCached("k", fetcher), noCache.getCached("k", fetcher)]);
    await expect(noCache.getCached("k", fetcher, 60)).resolves.toEqual({ id: 1 });
    expect(fetcher).toHaveBeenCalledTimes(3);
  });

  it("passes the fetcher's errors through and accepts invalidations", async () => {
    await expect(noCache.getCached("k", () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    await expect(noCache.invalidate("post-lists")).resolves.toBeUndefined();
  });
});

describe("CACHE_DISABLED", () => {
  it("is off unless set to true, and names itself when it is not a boolean", () => {
    expect(parseEnv({}).CACHE_DISABLED).toBe(false);
    expect(parseEnv({ CACHE_DISABLED: "true" }).CACHE_DISABLED).toBe(true);
    expect(parseEnv({ CACHE_DISABLED: "false" }).CACHE_DISABLED).toBe(false);
    expect(() => parseEnv({ CACHE_DISABLED: "sometimes" })).toThrow(/CACHE_DISABLED/);
  });
});
