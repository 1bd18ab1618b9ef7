import { afterEach, beforeEach, vi } from "vitest";

// A test fails on an unexpected console.error or console.warn, so noise never hides a bug.
// A test that expects one spies on console itself and clears the calls.
let errorSpy: ReturnType<typeof vi.spyOn>;
let warnSpy: ReturnType<typeof vi.spyOn>;

beforeEach(() => {
  errorSpy = vi.spyOn(console, "error");
  warnSpy = vi.spyOn(console, "warn");
});

afterEach(() => {
  const calls = [...errorSpy.mock.calls, ...warnSpy.mock.calls];
  errorSpy.mockRestore();
  warnSpy.mockRestore();
  if (calls.length > 0) {
    throw new Error(`Unexpected console output:\n${calls.map((args) => args.map(String).join(" ")).join("\n")}`);
  }
});
