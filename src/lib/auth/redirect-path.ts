// Where `?next=` may send someone after signing in: a path on this site, never another origin
// (an open redirect would let a phishing link borrow our sign-in page).

const PLACEHOLDER_ORIGIN = "http://same-origin.invalid";

/** `value` as a same-origin path (with its query and hash), or `fallback`. */
export function sameOriginPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || !value.startsWith("/")) return fallback;
  // "//host" and "/\host" are read by browsers as another host; control characters are stripped
  // by URL parsers, which could turn "/\t/host" into "//host".
  if (/^\/[/\\]/.test(value) || /[\u0000-\u001f\u007f]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** A link to the sign-in page that comes back to `path` afterwards. */
export function signInHref(path: string): string {
  return path === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(path)}`;
}
