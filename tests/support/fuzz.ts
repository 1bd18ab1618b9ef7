import fc from "fast-check";

// Inputs a client may send, weighted towards what has broken servers before: NUL bytes,
// lone surrogates, huge values, numbers out of every range, types that are not the expected one.

/** Deterministic and bounded, so that `npm test` runs the same cases every time; FUZZ_RUNS digs deeper. */
export const FUZZ_PARAMETERS = { seed: 13, numRuns: Number(process.env.FUZZ_RUNS ?? 50), endOnFailure: true };

const nasty = fc.constantFrom(
  "\0",
  "abc\0",
  "\0abc\0def",
  "\ud800",
  "abc\udfff",
  "%00",
  "%",
  "!!!",
  "a b",
  "   ",
  "",
  "-1",
  "0",
  "1.5",
  "1e309",
  "NaN",
  "Infinity",
  "9007199254740993",
  "2147483648",
  "true",
  "null",
  "[]",
  "{}",
  "__proto__",
  "constructor",
  "../../etc/passwd",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "x".repeat(5_000),
);

// A plausible value with something PostgreSQL or UTF-8 cannot take glued on.
const spoiled = fc
  .tuple(fc.constantFrom("abc", "lesson", "1", "42", "caching"), fc.constantFrom("\0", "\ud800", "\udc00", "%00"))
  .map(([value, poison]) => value + poison);

/** Values that broke servers before, each tried in every field of every door (no sampling). */
export const POISONS = [
  "lesson\0",
  "\0",
  "lesson\ud800",
  "\udc00abc",
  "-1",
  "1e309",
  "9007199254740993",
  "x".repeat(10_000),
];

/** A string as a client could send it in JSON (lone surrogates included). */
export const anyString = fc.oneof(
  { weight: 3, arbitrary: nasty },
  { weight: 3, arbitrary: spoiled },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);

/** Any JSON value, with the nasty strings inside; objects use the field names the app reads. */
export const anyJsonWith = (fieldNames: readonly string[]): fc.Arbitrary<unknown> =>
  fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      anyString,
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie("value"), { maxLength: 4 }),
      fc.dictionary(fc.oneof(anyString, fc.constantFrom(...fieldNames)), tie("value"), { maxKeys: 4 }),
    ),
  })).value;

/** A value that passes validation for a field of that name, so that another field is the odd one. */
export const plausibleValue = (field: string) => (field === "q" ? "lesson" : "1");

/**
 * Objects (or query strings) naming the app's fields: in one, a single field holds anything and
 * the others plausible values, so the odd value gets past the rest of validation; in the other,
 * any names and values, repeated names included.
 */
export function oddOneOut<T>(fieldNames: readonly string[], anyValue: fc.Arbitrary<T>) {
  return fc
    .constantFrom(...fieldNames)
    .chain((odd) =>
      fc.tuple(...fieldNames.map((field) => (field === odd ? anyValue : fc.constant(plausibleValue(field))))),
    )
    .map((values) => fieldNames.map((field, i) => [field, values[i]] as [string, T | string]));
}

export const anyQueryWith = (fieldNames: readonly string[]) =>
  fc.oneof(
    oddOneOut(fieldNames, anyString),
    fc.array(fc.tuple(fc.constantFrom(...fieldNames, "input", "batch", "x"), anyString), { maxLength: 4 }),
  );

/** Percent-encodes the UTF-8 bytes of a string (a lone surrogate becomes U+FFFD, as on the wire). */
export function encodeBytes(text: string): string {
  return [...Buffer.from(text, "utf8")]
    .map((byte) => {
      const char = String.fromCharCode(byte);
      return /[A-Za-z0-9_.~-]/.test(char) ? char : `%${byte.toString(16).padStart(2, "0")}`;
    })
    .join("");
}

/** Node answers 431, before any app code, when the request line and headers pass 16 KB. */
export const NODE_MAX_HEADER_BYTES = 16 * 1024;

export function queryString(pairs: [string, string][]): string {
  return pairs.map(([name, value]) => `${encodeBytes(name)}=${encodeBytes(value)}`).join("&");
}

/** What every answer must respect, whatever was sent. */
export function checkAnswer(status: number, text: string): string | undefined {
  if (status >= 500) return `status ${status}: ${text.slice(0, 300)}`;
  if (/\bat \S+ \(|node_modules|\.tsx?:\d+|\/src\/|webpack-internal|"stack"/.test(text)) {
    return `internals in the body: ${text.slice(0, 300)}`;
  }
  return undefined;
}
