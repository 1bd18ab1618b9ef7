import { z } from "zod";
import { zPageQuery } from "@/lib/pagination";
import { zId } from "@/lib/validation";
import type { UserRef } from "@/modules/users/users.types";

export const zCommentsByPostInput = zPageQuery.extend({ postId: zId });

export const zCreateCommentInput = z.object({
  postId: zId,
  userId: zId,
  body: z.string().trim().min(1, { error: "is required" }).max(5_000, { error: "must be 5000 characters or less" }),
  createdAt: z.date().optional(),
});

export type CommentsByPostInput = z.input<typeof zCommentsByPostInput>;
export type CreateCommentInput = z.input<typeof zCreateCommentInput>;

export interface CommentView {
  id: number;
  body: string;
  createdAt: Date;
  author: UserRef;
}

export interface CreatedComment {
  id: number;
  postId: number;
  userId: number;
  createdAt: Date;
}
