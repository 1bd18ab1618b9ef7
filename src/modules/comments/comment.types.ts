import { z } from "zod";
import { zPageQuery } from "@/lib/pagination";
import { zId, zText } from "@/lib/validation";
import type { UserRef } from "@/modules/users/user.types";
import { COMMENT_MAX_LENGTH } from "./comment.limits";

export const zCommentsByPostInput = zPageQuery.extend({ postId: zId });

/** A comment by the acting user: any author or date sent along is dropped, never trusted. */
export const zCreateCommentInput = z.object({ postId: zId, body: zText({ max: COMMENT_MAX_LENGTH }) });

/** A comment written without an acting user (the seed, imports, tests): the author is named. */
export const zImportCommentInput = zCreateCommentInput.extend({ userId: zId, createdAt: z.date().optional() });

export const zCommentIdInput = z.object({ id: zId });

export type CommentsByPostInput = z.input<typeof zCommentsByPostInput>;
export type CreateCommentInput = z.input<typeof zCreateCommentInput>;
export type ImportCommentInput = z.input<typeof zImportCommentInput>;
export type CommentIdInput = z.input<typeof zCommentIdInput>;

export interface CommentView {
  id: number;
  body: string;
  createdAt: Date;
  author: UserRef;
}

/** A comment's own columns, as a write returns it. */
/** A comment written, with the author of its post (whose pages list the post's comment count). */
export type CommentOnPost = CommentRecord & { postAuthorId: number };

/** A comment removed: which one, on which post, and whose post. */
export interface DeletedComment {
  id: number;
  postId: number;
  postAuthorId: number;
}

export interface CommentRecord {
  id: number;
  body: string;
  postId: number;
  userId: number;
  createdAt: Date;
}
