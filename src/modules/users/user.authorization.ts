import { ForbiddenError, UnauthorizedError } from "@/lib/errors";
import { assertWithinRateLimit, type RateLimiter } from "@/lib/rate-limit";
import { mayChange } from "./user.permissions";
import type { Actor } from "./user.types";

// Who may write what (ADR 0094). Services decide, with the acting user that the adapter
// (REST handler, tRPC procedure) read from the session and passed on without judging it.

/**
 * The acting user of a write, once allowed to write at all: signed in (else 401), with a
 * confirmed email (else 403 with a reason a UI can read to offer a new link), and within the
 * per-user write rate (else 429). Checked before the input is read: a refused writer costs no query.
 */
export async function requireWriter(actor: Actor | null, limiter: RateLimiter): Promise<Actor> {
  if (!actor) throw new UnauthorizedError("Sign in to write");
  if (!actor.emailVerified) {
    throw new ForbiddenError(
      "Confirm your email address before you write: follow the link we sent you, or ask for a new one",
      { reason: "email_unverified" },
    );
  }
  await assertWithinRateLimit(limiter, "write", String(actor.id));
  return actor;
}

/** 403 unless `actor` may change what one of `ownerIds` owns (src/modules/users/user.permissions.ts). */
export function assertMayChange(actor: Actor, ownerIds: readonly number[], refusal: string): void {
  if (mayChange(actor, ownerIds)) return;
  throw new ForbiddenError(refusal, { reason: "not_owner" });
}
