// Dates and numbers as English text, in UTC, so server and browser render the same text.
//
// Written out by hand rather than with Intl: the first Intl formatter a browser page creates
// loads ICU's locale data, measured at 30–80 ms of main thread in Chromium (four times that on
// Lighthouse's mobile CPU), for every page that shows a date. The output is the same as
// Intl's "en" medium styles (format.test.ts compares them).

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const twoDigits = (value: number) => String(value).padStart(2, "0");

/** "Mar 1, 2026": the day of a moment, in UTC. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}`;
}

/** A moment to the second, in UTC, said so: what an operator compares with logs. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  const time = [date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()].map(twoDigits).join(":");
  return `${formatDate(iso)}, ${time} UTC`;
}

/** "1,234,567.89": digits grouped by thousands, with `digits` decimals (none by default). */
export function formatNumber(value: number, digits = 0): string {
  const [whole = "", decimals] = Math.abs(value).toFixed(digits).split(".");
  const sign = value < 0 ? "-" : "";
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ",");
  return decimals === undefined ? `${sign}${grouped}` : `${sign}${grouped}.${decimals}`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatNumber(count)} ${count === 1 ? one : many}`;
}

/** A duration in its two largest units: "3 d 4 h", "2 h 5 min", "42 s". */
export function formatDuration(totalSeconds: number): string {
  const units: [number, string][] = [
    [86_400, "d"],
    [3_600, "h"],
    [60, "min"],
    [1, "s"],
  ];
  const parts: string[] = [];
  let rest = Math.max(0, Math.floor(totalSeconds));
  for (const [size, unit] of units) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0 || (parts.length > 0 && parts.length < 2)) parts.push(`${count} ${unit}`);
    if (parts.length === 2) break;
  }
  return parts.length > 0 ? parts.join(" ") : "0 s";
}
