import { Link } from "@/components/Link";
import { formatNumber } from "@/lib/format";

interface PaginationProps {
  page: number;
  totalPages: number;
  /** The total comes from the database's statistics, not a count (a long list). */
  approximate?: boolean;
  /** Builds the link to another page, keeping the rest of the query. */
  hrefFor: (page: number) => string;
  label: string;
}

export function Pagination({ page, totalPages, approximate = false, hrefFor, label }: PaginationProps) {
  if (totalPages <= 1) return null;
  return (
    <nav className="pagination" aria-label={label}>
      {page > 1 ? (
        <Link href={hrefFor(page - 1)} rel="prev">
          ← Previous
        </Link>
      ) : (
        <span aria-hidden="true" />
      )}
      <span>
        Page {page} of {approximate ? "about " : ""}
        {formatNumber(totalPages)}
      </span>
      {page < totalPages ? (
        <Link href={hrefFor(page + 1)} rel="next">
          Next →
        </Link>
      ) : (
        <span aria-hidden="true" />
      )}
    </nav>
  );
}

/**
 * Links to the pages of a list whose first page is static at `first` and whose further pages
 * are rendered at `later` (src/lib/page-routes.mjs).
 */
export function listPageHref(first: string, later: string): (page: number) => string {
  return (page) => (page === 1 ? first : pageHref(later, { page }));
}

export function pageHref(path: string, params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && !(key === "page" && value === 1)) search.set(key, String(value));
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}
