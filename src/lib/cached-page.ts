import type { AppCache } from "./cache-policy";
import { toPage, toSlice, type Page, type PageQuery, type Slice } from "./pagination";

/** A total that comes from statistics, not a count: pages show it as "about". */
interface EstimatedTotal {
  total: number;
  estimated: boolean;
}

interface CachedRead<T> {
  key: string;
  load: () => Promise<T>;
  ttl: number;
  tags: readonly string[];
}

export interface CachedPageRead<T> {
  query: PageQuery;
  /** The rows of one page, cached under its own key. */
  items: Omit<CachedRead<T[]>, "load"> & { load: (slice: Slice) => Promise<T[]> };
  /**
   * The list's total, cached apart: every page shares it, and a write that adds no row keeps it.
   * A list too long to count on a page's path gives an estimate instead.
   */
  count: CachedRead<number | EstimatedTotal>;
}

const asTotal = (counted: number | EstimatedTotal): EstimatedTotal =>
  typeof counted === "number" ? { total: counted, estimated: false } : counted;

// The page last built around each cached list of rows. A cache hit hands every request the same
// frozen rows (src/lib/redis.ts); while the total is the same too, so is the page, and handing
// out the same frozen page lets an API response reuse its JSON text (src/lib/json-response.ts)
// instead of building and serialising a new one per request.
const pageOfRows = new WeakMap<object, Page<unknown>>();

function pageAround<T>(rows: T[], total: number, query: PageQuery, estimated: boolean): Page<T> {
  if (!Object.isFrozen(rows)) return toPage(rows, total, query, estimated);
  const last = pageOfRows.get(rows) as Page<T> | undefined;
  if (
    last?.total === total &&
    last.totalIsEstimate === estimated &&
    last.page === query.page &&
    last.pageSize === query.pageSize
  ) {
    return last;
  }
  const page = Object.freeze(toPage(rows, total, query, estimated));
  pageOfRows.set(rows, page);
  return page;
}

/**
 * One page of a list through the cache. The total is kept under its own key, so an uncached
 * page costs its rows only, never another count. The two are looked up together (one round
 * trip to the store when both are cached); the rows of a page past the end are not read.
 */
export async function readCachedPage<T>(cache: AppCache, { query, items, count }: CachedPageRead<T>): Promise<Page<T>> {
  const slice = toSlice(query);
  const counted = cache.getCached(count.key, count.load, { ttl: count.ttl, tags: count.tags }).then(asTotal);
  const loadRows = async () => {
    const { total, estimated } = await counted;
    // An estimate may fall short of the real end: past it, the page is still read.
    return slice.skip >= total && !estimated ? [] : items.load(slice);
  };
  const [rows, { total, estimated }] = await Promise.all([
    cache.getCached(items.key, loadRows, { ttl: items.ttl, tags: items.tags }),
    counted,
  ]);
  return pageAround(rows, total, query, estimated);
}
