import { afterEach, beforeEach, vi } from "vitest";
import { takeLinesOutsideTests, takeLogProblems } from "./logs";

// The app's logger writes its warn and error lines to a capture instead of stdout (tests run
// with LOG_LEVEL=silent for everything else), with the app's own options (levels, request id).
vi.mock("@/lib/logger", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/logger")>();
  const { captureDestination } = await import("./logs");
  return { ...actual, logger: actual.createLogger(captureDestination, "warn") };
});

// A test fails on an unexpected console.error or console.warn, and on an unexpected pino warn
// or error line, so noise never hides a bug. A test that expects a log line says so with
// expectLog (#tests/logs); one that expects console output spies on console and clears the calls.
let errorSpy: ReturnType<typeof vi.spyOn>;
let warnSpy: ReturnType<typeof vi.spyOn>;
let outsideTests: string[] = [];

beforeEach(() => {
  outsideTests = takeLinesOutsideTests().map((l) => `${l.level} log outside a test (beforeAll, import): ${l.line}`);
  errorSpy = vi.spyOn(console, "error");
  warnSpy = vi.spyOn(console, "warn");
});

afterEach(() => {
  const calls = [...errorSpy.mock.calls, ...warnSpy.mock.calls];
  errorSpy.mockRestore();
  warnSpy.mockRestore();
  const problems = [...outsideTests, ...takeLogProblems()];
  outsideTests = [];
  if (calls.length > 0) {
    throw new Error(`Unexpected console output:\n${calls.map((args) => args.map(String).join(" ")).join("\n")}`);
  }
  if (problems.length > 0) throw new Error(`Log lines not declared with expectLog:\n${problems.join("\n")}`);
});
