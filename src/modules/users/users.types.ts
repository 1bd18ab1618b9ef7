import { z } from "zod";
import { zId } from "@/lib/validation";

export const zUserIdInput = z.object({ id: zId });

export const USER_ROLES = ["member", "admin"] as const;
export const zUserRole = z.enum(USER_ROLES, { error: `must be one of: ${USER_ROLES.join(", ")}` });
export type UserRole = z.infer<typeof zUserRole>;
/** What a user is when nobody said otherwise; the database column has the same default. */
export const DEFAULT_USER_ROLE: UserRole = "member";

export const zCreateUserInput = z.object({
  email: z.email({ error: "must be an email address" }).max(254).toLowerCase(),
  name: z.string().trim().min(1, { error: "is required" }).max(100, { error: "must be 100 characters or less" }),
  role: zUserRole.default(DEFAULT_USER_ROLE),
  createdAt: z.date().optional(),
});

export type CreateUserInput = z.input<typeof zCreateUserInput>;

/** What anyone may see of a user: no email. */
export interface UserProfile {
  id: number;
  name: string;
  role: UserRole;
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
  role: UserRole;
  createdAt: Date;
}
