import { createDatabase } from "../../src/lib/prisma";
import { PostRepository } from "../../src/modules/posts/post.repository";
import { createServices } from "../../src/server/services";
import { check, measure, round, type RunPlan, type Timing } from "../lib/measure";
import { noCache } from "../../src/lib/no-cache";
import { MAX_OFFSET } from "../../src/lib/pagination";

// A2.4: the feed without pagination (every post up to `unpaginated`, through the real
// repository, whose public API caps nothing) versus the first page of 20 through the real service,
// with the app cache left out: this measures the database work that pagination saves.

interface PaginationVariant {
  items: number;
  queries: number;
  bytes: number;
  timing: Timing;
}

export interface PaginationResult {
  all: PaginationVariant;
  page: PaginationVariant;
  /** The feed's total came from the planner's statistics (a long table). */
  totalIsEstimate: boolean;
  /** The deepest numbered page the cap allows, read by offset and by cursor, next to the first. */
  deep: { row: number; offset: Timing; cursor: Timing; first: Timing };
  latencyReductionPct: number;
  bytesReductionPct: number;
}

/** What a handler would send: `res.json(value)` is JSON.stringify, measured in UTF-8 bytes. */
function jsonBytes(value: unknown): number {
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
    // Keyset pages (docs/decisions/0109-keyset-pages-for-the-api.md): the last row before the
    // deepest page the offset cap allows, read both ways, through the repository.
    const skip = Math.min(MAX_OFFSET, all.items.length) - 20;
    const last = all.items[skip - 1]!;
    const offsetRows = await repository.findFeedItems({ skip, take: 20 });
    const cursorRows = await repository.findFeedItemsAfter(last, 20);
    check(
      JSON.stringify(cursorRows) === JSON.stringify(offsetRows),
      `the page after row ${skip} should be the same by offset and by cursor`,
    );
    const deep = {
      row: skip,
      offset: await measure(() => repository.findFeedItems({ skip, take: 20 }), plan),
      cursor: await measure(() => repository.findFeedItemsAfter(last, 20), plan),
      first: await measure(() => repository.findFeedItemsAfter(null, 20), plan),
    };
    const allBytes = jsonBytes(all.items);
    const pageBytes = jsonBytes(page);
    return {
      all: { items: all.items.length, queries: allQueries, bytes: allBytes, timing: allTiming },
      page: { items: page.items.length, queries: pageQueries, bytes: pageBytes, timing: pageTiming },
      totalIsEstimate: page.totalIsEstimate,
      deep,
      latencyReductionPct: round(100 * (1 - pageTiming.medianMs / allTiming.medianMs), 1),
      bytesReductionPct: round(100 * (1 - pageBytes / allBytes), 2),
    };
  } finally {
    await db.$disconnect();
  }
}
