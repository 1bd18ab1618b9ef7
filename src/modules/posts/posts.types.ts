import { z } from "zod";
import { zPageQuery } from "@/lib/pagination";
import { zId } from "@/lib/validation";
import type { UserRef } from "@/modules/users/users.types";
import { SEARCH_MAX_LENGTH, SEARCH_MIN_LENGTH } from "./posts.limits";

export { SEARCH_MAX_LENGTH, SEARCH_MIN_LENGTH };

export const zPostIdInput = z.object({ id: zId });
export const zFeedInput = zPageQuery;
export const zPostsByAuthorInput = zPageQuery.extend({ userId: zId });

export const zSearchInput = zPageQuery.extend({
  q: z
    .string({ error: "is required" })
    .trim()
    .min(SEARCH_MIN_LENGTH, { error: `must be at least ${SEARCH_MIN_LENGTH} characters` })
    .max(SEARCH_MAX_LENGTH, { error: `must be ${SEARCH_MAX_LENGTH} characters or less` }),
});

export const zCreatePostInput = z.object({
  userId: zId,
  title: z.string().trim().min(1, { error: "is required" }).max(200, { error: "must be 200 characters or less" }),
  body: z.string().trim().min(1, { error: "is required" }).max(20_000, { error: "must be 20000 characters or less" }),
  createdAt: z.date().optional(),
});

export type FeedInput = z.input<typeof zFeedInput>;
export type PostsByAuthorInput = z.input<typeof zPostsByAuthorInput>;
export type SearchInput = z.input<typeof zSearchInput>;
export type CreatePostInput = z.input<typeof zCreatePostInput>;

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

export interface CreatedPost {
  id: number;
  title: string;
  userId: number;
  createdAt: Date;
}
