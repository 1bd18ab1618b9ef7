import type { Actor } from "./user.types";

// The ownership rule of ADR 0094 as a plain predicate, with no server import: services enforce
// it (src/modules/users/user.authorization.ts), and the browser asks the same rule which
// buttons to show, so the two cannot disagree. Showing a button decides nothing: the service
// still answers every write.

/** An admin may change anything; anyone else only what one of `ownerIds` is. */
export function mayChange(viewer: Pick<Actor, "id" | "role">, ownerIds: readonly number[]): boolean {
  return viewer.role === "admin" || ownerIds.includes(viewer.id);
}
