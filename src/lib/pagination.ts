import { z } from "zod";
import { ValidationError } from "./errors";

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;
// Offset pagination reads and discards every skipped row: the offset is what costs, so it is
// what is capped (docs/decisions/0062-offset-cap-and-counts-apart.md), whatever the page size.
export const MAX_OFFSET = 10_000;

export const zPageQuery = z.object({
  page: z.coerce
    .number({ error: "must be a number" })
    .int({ error: "must be a whole number" })
    .min(1, { error: "must be 1 or more" })
    .max(MAX_OFFSET + 1, { error: `must be ${MAX_OFFSET + 1} or less` })
    .default(1),
  pageSize: z.coerce
    .number({ error: "must be a number" })
    .int({ error: "must be a whole number" })
    .min(1, { error: "must be 1 or more" })
    .max(MAX_PAGE_SIZE, { error: `must be ${MAX_PAGE_SIZE} or less` })
    .default(DEFAULT_PAGE_SIZE),
});

export type PageQuery = z.infer<typeof zPageQuery>;

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
  /** The total is the planner's estimate (a long list), shown as "about". */
  totalIsEstimate: boolean;
  /** The last page that may be asked for: past the offset cap, pages are not served. */
  totalPages: number;
}

export interface Slice {
  skip: number;
  take: number;
}

/** The deepest page of this size whose offset stays within the cap. */
function lastReachablePage(pageSize: number): number {
  return Math.floor(MAX_OFFSET / pageSize) + 1;
}

/** The rows a page covers; an offset past the cap is a 400 naming `page`. */
export function toSlice({ page, pageSize }: PageQuery): Slice {
  if (page > lastReachablePage(pageSize)) {
    throw new ValidationError([
      { field: "page", message: `must be ${lastReachablePage(pageSize)} or less with ${pageSize} a page` },
    ]);
  }
  return { skip: (page - 1) * pageSize, take: pageSize };
}

export function toPage<T>(items: T[], total: number, { page, pageSize }: PageQuery, totalIsEstimate = false): Page<T> {
  const totalPages = Math.min(Math.max(1, Math.ceil(total / pageSize)), lastReachablePage(pageSize));
  return { items, page, pageSize, total, totalIsEstimate, totalPages };
}
