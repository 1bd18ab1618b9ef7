import { z } from "zod";
import { zCursorQuery, type ListPosition } from "@/lib/cursor";
import { zPageQuery } from "@/lib/pagination";
import { zId, zText } from "@/lib/validation";
import type { UserRef } from "@/modules/users/user.types";
import { BODY_MAX_LENGTH, SEARCH_MAX_LENGTH, SEARCH_MIN_LENGTH, TITLE_MAX_LENGTH } from "./post.limits";

export const zPostIdInput = z.object({ id: zId });
export type PostIdInput = z.input<typeof zPostIdInput>;
export const zFeedInput = zPageQuery;
/** `?cursor=` (empty for the first page) asks for keyset pages instead of numbered ones. */
export const zFeedCursorInput = zCursorQuery;
export const zPostsByAuthorInput = zPageQuery.extend({ userId: zId });

// Letters and digits, the characters trigrams are made of: a term without three of them
// ("!!!", "a b") matches through no index and would scan the whole table.
const TRIGRAM_CHARACTERS = /[\p{L}\p{N}]/gu;

/** The search term as it is matched and cached: one form per meaning, so one cache entry. */
function normaliseSearchTerm(text: string): string {
  return text.normalize("NFC").toLowerCase().replace(/\s+/g, " ");
}

const zSearchTerm = zText({
  min: SEARCH_MIN_LENGTH,
  max: SEARCH_MAX_LENGTH,
  minMessage: `must be at least ${SEARCH_MIN_LENGTH} characters`,
})
  .transform(normaliseSearchTerm)
  .refine((q) => (q.match(TRIGRAM_CHARACTERS)?.length ?? 0) >= SEARCH_MIN_LENGTH, {
    error: `must contain at least ${SEARCH_MIN_LENGTH} letters or digits`,
  });

export const zSearchInput = zPageQuery.extend({ q: zSearchTerm });

const zTitle = zText({ max: TITLE_MAX_LENGTH });
const zBody = zText({ max: BODY_MAX_LENGTH });

/** A new post by the acting user: any author or date sent along is dropped, never trusted. */
export const zCreatePostInput = z.object({ title: zTitle, body: zBody });

/** A post written without an acting user (the seed, imports, tests): the author is named. */
export const zImportPostInput = zCreatePostInput.extend({ userId: zId, createdAt: z.date().optional() });

export const zUpdatePostInput = z
  .object({ id: zId, title: zTitle.optional(), body: zBody.optional() })
  .superRefine((changes, ctx) => {
    if (changes.title !== undefined || changes.body !== undefined) return;
    for (const field of ["title", "body"]) {
      ctx.addIssue({ code: "custom", path: [field], message: "give a title, a body, or both to change" });
    }
  });

export type FeedInput = z.input<typeof zFeedInput> | z.input<typeof zFeedCursorInput>;
export type PostsByAuthorInput = z.input<typeof zPostsByAuthorInput>;
export type SearchInput = z.input<typeof zSearchInput>;
export type CreatePostInput = z.input<typeof zCreatePostInput>;
export type ImportPostInput = z.input<typeof zImportPostInput>;
export type UpdatePostInput = z.input<typeof zUpdatePostInput>;

/** A post as lists show it: no body. */
export interface PostSummary {
  id: number;
  title: string;
  createdAt: Date;
  author: UserRef;
  commentCount: number;
}

export interface PostDetail extends PostSummary {
  body: string;
}

/** A post's own columns, as a write returns it. */
/** A post removed: which one, and whose. */
export interface DeletedPost {
  id: number;
  userId: number;
}

export interface PostRecord {
  id: number;
  title: string;
  body: string;
  userId: number;
  createdAt: Date;
}

/** Where the feed resumes after a page read by cursor. */
export type FeedPosition = ListPosition;

/** A list's total; `estimated` when it comes from the planner's statistics, not a count. */
export interface ListTotal {
  total: number;
  estimated: boolean;
}
