// Search terms and ids travel in query strings, and they stay out of logs and Sentry: logs
// get the path only; Sentry keeps the query's keys (useful to debug) with every value replaced.
// Browser-safe: the browser SDK scrubs its events with the same function.

const REDACTED = "[Filtered]";

/** The path of a URL or request target, without query string or fragment. */
export function pathOnly(url: string | undefined): string {
  if (!url) return "/";
  // Runs on every request: a scan, not a regular expression and an array.
  let end = 0;
  while (end < url.length && url[end] !== "?" && url[end] !== "#") end++;
  return end === 0 ? "/" : url.slice(0, end);
}

/** The URL with each query value replaced by [Filtered]; its keys stay. */
export function redactQuery(url: string): string {
  const queryAt = url.indexOf("?");
  if (queryAt === -1) return url;
  const hashAt = url.indexOf("#", queryAt);
  const query = url.slice(queryAt + 1, hashAt === -1 ? undefined : hashAt);
  return `${url.slice(0, queryAt)}?${redactQueryString(query)}`;
}

function redactQueryString(query: string): string {
  return query
    .split("&")
    .filter(Boolean)
    .map((pair) => `${pair.split("=", 1)[0]}=${REDACTED}`)
    .join("&");
}

type Data = Record<string, unknown>;

// Attributes where OpenTelemetry and Sentry's integrations put a URL or a query.
const URL_KEYS = ["url", "url.full", "http.url", "http.target", "from", "to"];
const QUERY_KEYS = ["url.query", "http.query", "query"];

function scrubData(data: Data | undefined): void {
  if (!data) return;
  for (const key of URL_KEYS) if (typeof data[key] === "string") data[key] = redactQuery(data[key]);
  for (const key of QUERY_KEYS) if (typeof data[key] === "string" && data[key] !== "") data[key] = REDACTED;
}

interface ScrubbableEvent {
  request?: { url?: string; query_string?: unknown };
  breadcrumbs?: { data?: Data }[];
  spans?: { data?: Data }[];
  contexts?: { trace?: { data?: Data } };
}

/** Sentry's beforeSend and beforeSendTransaction: no query value leaves the app. */
export function scrubEvent<E extends ScrubbableEvent>(event: E): E {
  if (event.request) {
    if (event.request.url) event.request.url = redactQuery(event.request.url);
    const query = event.request.query_string;
    if (typeof query === "string") event.request.query_string = redactQueryString(query);
    else if (Array.isArray(query)) event.request.query_string = query.map(([key]: [string]) => [key, REDACTED]);
    else if (query && typeof query === "object")
      event.request.query_string = Object.fromEntries(Object.keys(query).map((key) => [key, REDACTED]));
  }
  for (const breadcrumb of event.breadcrumbs ?? []) scrubData(breadcrumb.data);
  for (const span of event.spans ?? []) scrubData(span.data);
  scrubData(event.contexts?.trace?.data);
  return event;
}
