import { z } from "zod";
import { zId, zText } from "@/lib/validation";

export const zUserIdInput = z.object({ id: zId });
export type UserIdInput = z.input<typeof zUserIdInput>;

const USER_ROLES = ["member", "admin"] as const;
const zUserRole = z.enum(USER_ROLES, { error: `must be one of: ${USER_ROLES.join(", ")}` });
export type UserRole = z.infer<typeof zUserRole>;
/** What a user is when nobody said otherwise; the database column has the same default. */
export const DEFAULT_USER_ROLE: UserRole = "member";

export const zCreateUserInput = z.object({
  email: z.email({ error: "must be an email address" }).max(254).toLowerCase(),
  name: zText({ max: 100 }),
  role: zUserRole.default(DEFAULT_USER_ROLE),
  createdAt: z.date().optional(),
});

export type CreateUserInput = z.input<typeof zCreateUserInput>;

export const zSetRoleInput = z.object({
  email: z.email({ error: "must be an email address" }).max(254).toLowerCase(),
  role: zUserRole,
});

/** A user as an operator's command reports it. */
export interface UserAccount {
  id: number;
  email: string;
  name: string;
  role: UserRole;
}

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

/**
 * Who is acting: what services need to decide whether a write is allowed. Built from the
 * session by src/lib/auth/session.ts; services receive it, adapters never decide.
 */
export interface Actor {
  id: number;
  role: UserRole;
  emailVerified: boolean;
}
