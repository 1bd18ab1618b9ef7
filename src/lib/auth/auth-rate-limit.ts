import type { BetterAuthOptions } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { RATE_LIMITS, type RateLimiter, type RateLimitRule } from "@/lib/rate-limit";

// Rate limits of the account endpoints (ADR 0101). better-auth counts per IP and path before
// any endpoint runs; per account (the email of a password sign-in) is ours, in a hook. Both
// count in the app's store, and both only at the HTTP door: the app's own server-side calls
// of auth.api are not an attacker's.

type AuthRateLimitOptions = NonNullable<BetterAuthOptions["rateLimit"]>;
type AuthRateLimitStorage = NonNullable<AuthRateLimitOptions["customStorage"]>;

const asAuthRule = ({ limit, windowSeconds }: RateLimitRule) => ({ max: limit, window: windowSeconds });

/** better-auth's limiter with our per-IP numbers, on the shared store when there is one. */
export function authRateLimit(limiter: RateLimiter): AuthRateLimitOptions {
  return {
    enabled: true,
    customRules: {
      "/sign-in/email": asAuthRule(RATE_LIMITS.signInIp),
      "/sign-up/email": asAuthRule(RATE_LIMITS.signUpIp),
      "/sign-in/magic-link": asAuthRule(RATE_LIMITS.magicLinkIp),
    },
    // In process, better-auth's own memory storage is the same thing; on Upstash, every instance
    // must see the same counters. Our limiter already lets requests through when the store fails.
    ...(limiter.kind === "upstash" ? { customStorage: authRateLimitStorage(limiter) } : { storage: "memory" }),
  };
}

function authRateLimitStorage(limiter: RateLimiter): AuthRateLimitStorage {
  return {
    async consume(key, { max, window }) {
      const { allowed, retryAfterSeconds } = await limiter.consume(
        { limit: max, windowSeconds: window },
        `auth:${key}`,
      );
      return { allowed, retryAfter: allowed ? null : retryAfterSeconds };
    },
  };
}

/** The key of an account's sign-in attempts: better-auth finds accounts by the lower-cased email. */
function signInAccountKey(email: string): string {
  return email.trim().toLowerCase();
}

/** Password sign-in per account: a 429 with Retry-After, whichever IPs the attempts come from. */
export function signInAccountLimit(limiter: RateLimiter) {
  return createAuthMiddleware(async (ctx) => {
    if (ctx.path !== "/sign-in/email" || !ctx.request) return;
    const email: unknown = ctx.body?.email;
    if (typeof email !== "string") return; // better-auth's own validation answers that
    const { allowed, retryAfterSeconds } = await limiter.check("signInAccount", signInAccountKey(email));
    if (allowed) return;
    throw new APIError(
      "TOO_MANY_REQUESTS",
      { code: "TOO_MANY_SIGN_IN_ATTEMPTS", message: "Too many sign-in attempts for this account. Try again later." },
      { "Retry-After": String(retryAfterSeconds) },
    );
  });
}

type AuthHandler = (request: Request) => Promise<Response>;

/** better-auth's own 429s carry X-Retry-After only; clients and proxies read Retry-After. */
export function withRetryAfter(handler: AuthHandler): AuthHandler {
  return async (request) => {
    const response = await handler(request);
    const seconds = response.headers.get("X-Retry-After");
    if (response.status === 429 && seconds && !response.headers.has("Retry-After")) {
      response.headers.set("Retry-After", seconds);
    }
    return response;
  };
}
