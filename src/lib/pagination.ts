import { z } from "zod";

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
// Offset pagination reads and discards every skipped row, so deep pages are capped.
export const MAX_PAGE = 10_000;

export const zPageQuery = z.object({
  page: z.coerce
    .number({ error: "must be a number" })
    .int({ error: "must be a whole number" })
    .min(1, { error: "must be 1 or more" })
    .max(MAX_PAGE, { error: `must be ${MAX_PAGE} or less` })
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
  totalPages: number;
}

export interface Slice {
  skip: number;
  take: number;
}

export function toSlice({ page, pageSize }: PageQuery): Slice {
  return { skip: (page - 1) * pageSize, take: pageSize };
}

export function toPage<T>(items: T[], total: number, { page, pageSize }: PageQuery): Page<T> {
  return { items, page, pageSize, total, totalPages: Math.max(1, Math.ceil(total / pageSize)) };
}

export function mapPage<T, U>(page: Page<T>, map: (item: T) => U): Page<U> {
  return { ...page, items: page.items.map(map) };
}
