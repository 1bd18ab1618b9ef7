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
  return toPage(rows, total, query, estimated);
}
