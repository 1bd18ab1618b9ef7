import { env, type Env } from "./env";
import { RateLimitedError } from "./errors";
import { logger, type Logger } from "./logger";
import { processSingleton } from "./process-singleton";
import { createMemoryRateLimitStore, createRateLimitStore, type RateLimitStore } from "./rate-limit-store";
import { withTimeout } from "./timeout";

// Rate limits (ADR 0093): how many requests of a kind one key (a user, an IP, an account) may
// make in a window. Rules live here, in one table; where each is checked says what its key is.

export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
}

export const RATE_LIMITS = {
  /** Posts, edits, deletions and comments, per signed-in user. */
  write: { limit: 30, windowSeconds: 60 },
  /** Password sign-in attempts, per account (email) and per IP. */
  signInAccount: { limit: 5, windowSeconds: 60 },
  signInIp: { limit: 20, windowSeconds: 60 },
  /** Sign-ups and magic-link requests, per IP. */
  signUpIp: { limit: 5, windowSeconds: 10 * 60 },
  magicLinkIp: { limit: 5, windowSeconds: 10 * 60 },
} as const satisfies Record<string, RateLimitRule>;

export type RateLimitName = keyof typeof RATE_LIMITS;

export interface RateLimitResult {
  allowed: boolean;
  /** When `allowed` is false: how long until the window lets one more through. */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  readonly kind: "memory" | "upstash";
  /** Counts one request of `key` under the app's rule `name`. */
  check(name: RateLimitName, key: string): Promise<RateLimitResult>;
  /** Counts one request of `key` under any rule: better-auth's own rules come through here. */
  consume(rule: RateLimitRule, key: string): Promise<RateLimitResult>;
}

export interface RateLimiterSettings {
  store: RateLimitStore;
  rules?: Record<RateLimitName, RateLimitRule>;
  /** Longest wait for the store; then the request is allowed. */
  timeoutMs?: number;
  logger?: Pick<Logger, "warn">;
}

/**
 * A limiter over a store. A store that fails or is slow lets the request through with a
 * warning: a limit protects the app, and must never turn a store outage into refusals.
 */
export function createRateLimiter({
  store,
  rules = RATE_LIMITS,
  timeoutMs = 150,
  logger: log = logger,
}: RateLimiterSettings): RateLimiter {
  const consume = async (rule: RateLimitRule, key: string): Promise<RateLimitResult> => {
    try {
      return await withTimeout(store.consume(rule, key), timeoutMs, "rate limit store");
    } catch (error) {
      log.warn({ err: error, store: store.kind }, "rate limit store failed; request allowed");
      return { allowed: true, retryAfterSeconds: 0 };
    }
  };
  return {
    kind: store.kind,
    consume,
    check: (name, key) => consume(rules[name], `${name}:${key}`),
  };
}

/** Fixed windows in this process: one instance's view, like the in-process cache. */
export function createMemoryRateLimiter(rules: Record<RateLimitName, RateLimitRule> = RATE_LIMITS): RateLimiter {
  return createRateLimiter({ store: createMemoryRateLimitStore(), rules });
}

/** Limits for this environment: on the cache's Upstash store when configured, else in process. */
export function createAppRateLimiter(config: Env = env, store = createRateLimitStore(config)): RateLimiter {
  if (store.kind === "memory" && config.NODE_ENV === "production") {
    logger.warn("no Upstash variables: rate limits are counted per instance, so each instance allows the whole limit");
  }
  return createRateLimiter({ store, timeoutMs: config.CACHE_TIMEOUT_MS });
}

/** Throws RateLimitedError (429 with Retry-After) when `key` is over the rule `name`. */
export async function assertWithinRateLimit(limiter: RateLimiter, name: RateLimitName, key: string): Promise<void> {
  const result = await limiter.check(name, key);
  if (!result.allowed) throw new RateLimitedError(result.retryAfterSeconds);
}

const processLimiter = processSingleton<RateLimiter>("rate-limiter", () => createAppRateLimiter());

export function getRateLimiter(): RateLimiter {
  return processLimiter.get();
}

/** Tests and scripts that bring their own. */
export function setRateLimiter(limiter: RateLimiter | undefined): void {
  processLimiter.set(limiter);
}
