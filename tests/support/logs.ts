// What the app logged at warn or above during the current test. tests/support/setup.ts
// points the app's logger here (nothing is printed) and fails a test on any line it did not
// declare with expectLog.

export type CapturedLevel = "warn" | "error" | "fatal";

export interface CapturedLine {
  level: CapturedLevel;
  msg: string;
  /** The whole JSON line, for a failure message. */
  line: string;
}

interface Expectation {
  level: CapturedLevel;
  pattern: RegExp;
  seen: number;
}

const state = { lines: [] as CapturedLine[], expectations: [] as Expectation[] };

/** A pino destination that keeps the lines instead of printing them. */
export const captureDestination = {
  write(line: string): void {
    const parsed = JSON.parse(line) as { level?: string; msg?: string };
    state.lines.push({ level: (parsed.level ?? "error") as CapturedLevel, msg: parsed.msg ?? "", line: line.trim() });
  },
};

/**
 * Declares that this test expects the app to log a line at `level` whose message matches
 * `pattern`. The test then fails if no such line is written, and still fails on any other.
 * Call it in the test, or in a beforeEach for every test of a file.
 */
export function expectLog(level: CapturedLevel, pattern: RegExp): void {
  state.expectations.push({ level, pattern, seen: 0 });
}

/** Lines written so far in this test (a test may assert on their fields). */
export function capturedLogs(): readonly CapturedLine[] {
  return state.lines;
}

/** Problems of the test that just ran, then a clean slate for the next one. */
export function takeLogProblems(): string[] {
  const unexpected = state.lines.filter((line) => {
    const match = state.expectations.find((e) => e.level === line.level && e.pattern.test(line.msg));
    if (match) match.seen++;
    return !match;
  });
  const problems = [
    ...unexpected.map((l) => `unexpected ${l.level} log: ${l.line}`),
    ...state.expectations.filter((e) => e.seen === 0).map((e) => `expected a ${e.level} log matching ${e.pattern}`),
  ];
  state.lines = [];
  state.expectations = [];
  return problems;
}

/** Lines written outside any test (in a beforeAll, at import) are not judged against a test's declarations. */
export function takeLinesOutsideTests(): CapturedLine[] {
  const lines = state.lines;
  state.lines = [];
  return lines;
}
