import type { Actor, UserRole } from "@/modules/users/user.types";

// No server import: the browser builds the same Actor from its session, to ask the services'
// own rules (src/modules/users/user.permissions.ts) which buttons to show.

/** better-auth's user as our services see it: ids are integers here (ADR 0091). */
export function toActor(user: { id: string; role?: unknown; emailVerified: boolean }): Actor {
  return {
    id: Number(user.id),
    role: (user.role === "admin" ? "admin" : "member") satisfies UserRole,
    emailVerified: user.emailVerified,
  };
}
