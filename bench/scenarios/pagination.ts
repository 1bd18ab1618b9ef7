import { createDatabase } from "../../src/lib/prisma";
import { PostRepository } from "../../src/modules/posts/posts.repository";
import { createServices } from "../../src/server/services";
import { check, measure, round, type RunPlan, type Timing } from "../lib/measure";
import { noCache } from "../../src/lib/no-cache";

// A2.4: the feed without pagination (every post up to `unpaginated`, through the real
// repository, whose public API caps nothing) versus the first page of 20 through the real service,
// with the app cache left out: this measures the database work that pagination saves.

export interface PaginationVariant {
  items: number;
  queries: number;
  bytes: number;
  timing: Timing;
}

export interface PaginationResult {
  all: PaginationVariant;
  page: PaginationVariant;
  latencyReductionPct: number;
  bytesReductionPct: number;
}

/** What a handler would send: `res.json(value)` is JSON.stringify, measured in UTF-8 bytes. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), "utf8");
}

export async function runPagination(url: string, unpaginated: number, plan: RunPlan): Promise<PaginationResult> {
  let queries = 0;
  const db = createDatabase({ url, poolMax: 4, onQuery: () => queries++ });
  try {
    const repository = new PostRepository(db);
    const services = createServices(db, noCache);
    const loadAll = () => repository.findFeedPage({ skip: 0, take: unpaginated });
    const loadPage = () => services.posts.getFeedPage({ page: 1, pageSize: 20 });

    queries = 0;
    const all = await loadAll();
    const allQueries = queries;
    queries = 0;
    const page = await loadPage();
    const pageQueries = queries;

    check(
      all.items.length === Math.min(unpaginated, all.total),
      `expected ${unpaginated} posts, got ${all.items.length}`,
    );
    check(page.items.length === Math.min(20, page.total), `a page should hold 20 posts, got ${page.items.length}`);
    check(
      JSON.stringify(page.items) === JSON.stringify(all.items.slice(0, page.items.length)),
      "the first page should be the first 20 posts of the full list",
    );

    const allTiming = await measure(loadAll, plan);
    const pageTiming = await measure(loadPage, plan);
    const allBytes = jsonBytes(all.items);
    const pageBytes = jsonBytes(page);
    return {
      all: { items: all.items.length, queries: allQueries, bytes: allBytes, timing: allTiming },
      page: { items: page.items.length, queries: pageQueries, bytes: pageBytes, timing: pageTiming },
      latencyReductionPct: round(100 * (1 - pageTiming.medianMs / allTiming.medianMs), 1),
      bytesReductionPct: round(100 * (1 - pageBytes / allBytes), 2),
    };
  } finally {
    await db.$disconnect();
  }
}
