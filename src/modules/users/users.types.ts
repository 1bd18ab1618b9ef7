import { z } from "zod";
import { zId } from "@/lib/validation";

export const zUserIdInput = z.object({ id: zId });

export const zCreateUserInput = z.object({
  email: z.email({ error: "must be an email address" }).max(254).toLowerCase(),
  name: z.string().trim().min(1, { error: "is required" }).max(100, { error: "must be 100 characters or less" }),
  createdAt: z.date().optional(),
});

export type CreateUserInput = z.input<typeof zCreateUserInput>;

/** What anyone may see of a user: no email. */
export interface UserProfile {
  id: number;
  name: string;
  createdAt: Date;
  postCount: number;
}

export interface UserRef {
  id: number;
  name: string;
}

export interface CreatedUser {
  id: number;
  email: string;
  name: string;
  createdAt: Date;
}
