import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useDeferredValue } from "react";
import { serialize } from "@/lib/serialize";
import { TrpcProvider, useTRPC } from "@/lib/trpc-client";
import { SEARCH_MIN_LENGTH } from "@/modules/posts/post.limits";
import { SearchResults } from "./SearchResults";

function Results({ q }: { q: string }) {
  const trpc = useTRPC();
  const text = useDeferredValue(q.trim());
  const enabled = text.length >= SEARCH_MIN_LENGTH;
  const { data, error, isFetching } = useQuery({
    ...trpc.posts.search.queryOptions({ q: text }),
    enabled,
    placeholderData: keepPreviousData,
  });
  if (!enabled) return <p className="empty">Type at least {SEARCH_MIN_LENGTH} characters.</p>;
  if (error) return <p role="alert">{error.message}</p>;
  if (!data) return <p aria-busy="true">Searching…</p>;
  return <SearchResults q={text} results={serialize(data)} busy={isFetching} />;
}

/** Client-only: loaded by the search page when the `live-search` flag is on. */
export default function LiveSearchResults({ q }: { q: string }) {
  return (
    <TrpcProvider>
      <Results q={q} />
    </TrpcProvider>
  );
}
