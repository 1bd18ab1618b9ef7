import { z } from "zod";
import { zPageQuery } from "./pagination";

// Keyset (cursor) pagination for the API, beside the offset pages of the UI: a page starts
// after the last row of the previous one, found through the list's index, so page 5,000
// costs what page 1 costs and a write between two requests neither repeats nor skips a row.
// The cursor is opaque to clients: the (created_at, id) of the last row, base64url-encoded.

/** Where a newest-first list resumes: the last row a client saw. */
export interface ListPosition {
  createdAt: Date;
  id: number;
}

export interface CursorPage<T> {
  items: T[];
  pageSize: number;
  /** Pass back as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

const CURSOR_SHAPE = /^(\d{1,15})\.(\d{1,10})$/;

function encodeCursor({ createdAt, id }: ListPosition): string {
  return Buffer.from(`${createdAt.getTime()}.${id}`).toString("base64url");
}

/** The position in a cursor; anything this module did not write is a 400 naming `cursor`. */
const zCursor = z
  .string({ error: "must be a string" })
  .max(64, { error: "is not a cursor this API returned" })
  .transform((text, ctx): ListPosition | null => {
    if (text === "") return null; // `?cursor=`: the first page, in cursor mode
    const match = CURSOR_SHAPE.exec(Buffer.from(text, "base64url").toString("latin1"));
    const id = Number(match?.[2]);
    if (!match || id < 1 || id > 2_147_483_647) {
      ctx.addIssue({ code: "custom", message: "is not a cursor this API returned" });
      return z.NEVER;
    }
    return { createdAt: new Date(Number(match[1])), id };
  });

export const zCursorQuery = zPageQuery.pick({ pageSize: true }).extend({ cursor: zCursor });

/** A page of `pageSize` from rows read with one extra: the extra one says whether a next page exists. */
export function toCursorPage<T extends ListPosition>(rows: T[], pageSize: number): CursorPage<T> {
  const items = rows.slice(0, pageSize);
  const last = items.at(-1);
  return { items, pageSize, nextCursor: rows.length > pageSize && last ? encodeCursor(last) : null };
}
