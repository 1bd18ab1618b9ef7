import type { Page } from "@/lib/pagination";
import type { Serialized } from "@/lib/page-props";
import type { PostSummary } from "@/modules/posts/post.types";
import { pageHref, Pagination } from "./Pagination";
import { PostList } from "./PostList";
import { formatNumber } from "@/lib/format";

interface SearchResultsProps {
  q: string;
  results: Serialized<Page<PostSummary>>;
  busy?: boolean;
}

export function SearchResults({ q, results, busy = false }: SearchResultsProps) {
  return (
    <section aria-live="polite" aria-busy={busy} aria-label="Search results">
      <p className="meta">
        {formatNumber(results.total)} {results.total === 1 ? "post matches" : "posts match"} “{q}”
      </p>
      <PostList posts={results.items} />
      <Pagination
        label="Result pages"
        page={results.page}
        totalPages={results.totalPages}
        hrefFor={(page) => pageHref("/search", { q, page })}
      />
    </section>
  );
}
