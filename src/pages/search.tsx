import type { InferGetServerSidePropsType } from "next";
import dynamic from "next/dynamic";
import { useState } from "react";
import { ErrorState } from "@/components/ErrorState";
import { Layout } from "@/components/Layout";
import { SearchResults } from "@/components/SearchResults";
import { AppError } from "@/lib/errors";
import { HTTP_CACHE } from "@/lib/http-cache";
import { loadPage } from "@/lib/page-props";
import { SEARCH_MAX_LENGTH, SEARCH_MIN_LENGTH } from "@/modules/posts/post.limits";
import { getServices } from "@/server/services";

// Only fetched by browsers, and only when the flag is on: the server-rendered form works without it.
const LiveSearchResults = dynamic(() => import("@/components/LiveSearchResults"), { ssr: false });

export const getServerSideProps = loadPage(
  async ({ query, res }) => {
    const services = getServices();
    const liveSearch = await services.config.isEnabled("live-search");
    const q = typeof query.q === "string" ? query.q.trim() : "";
    if (!q) return { q, liveSearch, results: null, problem: null };
    try {
      return {
        q,
        liveSearch,
        results: await services.posts.searchByTitle(query),
        problem: null,
      };
    } catch (error) {
      if (!AppError.is(error) || error.code !== "VALIDATION") throw error;
      res.statusCode = 400;
      return { q, liveSearch, results: null, problem: error.publicMessage };
    }
  },
  { cacheControl: HTTP_CACHE.minutes },
);

export default function SearchPage({ data, error }: InferGetServerSidePropsType<typeof getServerSideProps>) {
  const [text, setText] = useState(data?.q ?? "");
  const live = Boolean(data?.liveSearch) && text.trim() !== data?.q;
  return (
    <Layout title="Search" description="Find posts by title.">
      <h1>Search posts</h1>
      {error ? (
        <ErrorState error={error} />
      ) : (
        <>
          <form action="/search" method="get" role="search" className="search-form">
            <label htmlFor="q">Title contains</label>
            <input
              id="q"
              name="q"
              type="search"
              value={text}
              onChange={(event) => setText(event.target.value)}
              minLength={SEARCH_MIN_LENGTH}
              maxLength={SEARCH_MAX_LENGTH}
              autoComplete="off"
              aria-describedby={data.problem ? "q-problem" : undefined}
            />
            <button type="submit">Search</button>
          </form>
          {data.problem && (
            <p id="q-problem" role="alert" className="field-error">
              {data.problem}
            </p>
          )}
          {live ? <LiveSearchResults q={text} /> : data.results && <SearchResults q={data.q} results={data.results} />}
        </>
      )}
    </Layout>
  );
}
