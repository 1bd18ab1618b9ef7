// The JSON text of an API response, without serialising again what the app cache already
// handed out: a cache hit returns the same frozen rows to every request (src/lib/redis.ts), so
// their text is made once and kept beside them until they are dropped. Anything else is
// serialised as JSON.stringify would.

const textOfFrozen = new WeakMap<object, string>();

function isPlainData(value: object): boolean {
  return !("toJSON" in value) && (Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype);
}

/** JSON.stringify's output for `value`, reusing the text of frozen objects and arrays. */
export function toJson(value: unknown): string {
  if (typeof value !== "object" || value === null || !isPlainData(value)) return JSON.stringify(value) ?? "null";
  if (Object.isFrozen(value)) {
    let text = textOfFrozen.get(value);
    if (text === undefined) {
      text = JSON.stringify(value);
      textOfFrozen.set(value, text);
    }
    return text;
  }
  if (Array.isArray(value)) return `[${value.map((item) => (isOmitted(item) ? "null" : toJson(item))).join(",")}]`;
  const members = Object.entries(value)
    .filter(([, member]) => !isOmitted(member))
    .map(([key, member]) => `${JSON.stringify(key)}:${toJson(member)}`);
  return `{${members.join(",")}}`;
}

// What JSON.stringify leaves out of an object (and writes as null in an array).
function isOmitted(value: unknown): boolean {
  return value === undefined || typeof value === "function" || typeof value === "symbol";
}
