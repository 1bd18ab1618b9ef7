import { afterEach, describe, expect, it, vi } from "vitest";
import { TimeoutError, withTimeout } from "./timeout";

describe("withTimeout", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("resolves with the operation's value and leaves no timer behind", async () => {
    vi.useFakeTimers();
    await expect(withTimeout(Promise.resolve(42), 1_000)).resolves.toBe(42);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("passes the operation's own rejection through", async () => {
    vi.useFakeTimers();
    const failure = new Error("refused");
    await expect(withTimeout(Promise.reject(failure), 1_000)).rejects.toBe(failure);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rejects with a TimeoutError naming what did not answer", async () => {
    vi.useFakeTimers();
    const pending = withTimeout(new Promise(() => {}), 150, "cache store");
    const assertion = expect(pending).rejects.toThrow(new TimeoutError("cache store", 150));
    await vi.advanceTimersByTimeAsync(150);
    await assertion;
    await expect(pending).rejects.toMatchObject({ name: "TimeoutError", timeoutMs: 150 });
  });
});
