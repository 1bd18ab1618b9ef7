import { Ratelimit } from "@upstash/ratelimit";
import { LRUCache } from "lru-cache";
import { createUpstashClient, type UpstashStoreOptions } from "./cache-store";
import { upstashCredentials, type Env } from "./env";
import type { RateLimitResult, RateLimitRule } from "./rate-limit";
import { cacheNamespace } from "./redis";

/**
 * Where rate limits count requests (ADR 0093): the cache's Upstash store in production, so
 * every serverless instance sees the same counters, else this process. Fixed windows on both,
 * so a rule means the same thing wherever it is counted. A store call may reject; the limiter
 * (src/lib/rate-limit.ts) turns that into an allowed request and a warning.
 */
export interface RateLimitStore {
  readonly kind: "memory" | "upstash";
  /** Counts one request of `key` under `rule` and says whether it is within the limit. */
  consume(rule: RateLimitRule, key: string): Promise<RateLimitResult>;
}

const ALLOWED: RateLimitResult = { allowed: true, retryAfterSeconds: 0 };

function secondsUntil(timestampMs: number): number {
  return Math.max(1, Math.ceil((timestampMs - Date.now()) / 1000));
}

/** One process's windows: one instance's view, like the in-process cache. */
export function createMemoryRateLimitStore(): RateLimitStore {
  const windows = new LRUCache<string, { count: number; resetAt: number }>({ max: 100_000 });
  return {
    kind: "memory",
    async consume(rule, key) {
      const now = Date.now();
      let window = windows.get(key);
      if (!window || window.resetAt <= now) {
        window = { count: 0, resetAt: now + rule.windowSeconds * 1000 };
        windows.set(key, window);
      }
      window.count += 1;
      return window.count <= rule.limit ? ALLOWED : { allowed: false, retryAfterSeconds: secondsUntil(window.resetAt) };
    },
  };
}

export interface UpstashRateLimitOptions extends UpstashStoreOptions {
  /** Prefix of every counter's key: the cache's environment namespace, so previews never share production's. */
  prefix: string;
}

/** @upstash/ratelimit's fixed windows on the cache's Upstash database (one Lua script per request). */
export function createUpstashRateLimitStore({ prefix, ...client }: UpstashRateLimitOptions): RateLimitStore {
  const redis = createUpstashClient(client);
  // One Ratelimit per rule: the app's few rules and better-auth's, created on first use.
  const limiters = new Map<string, Ratelimit>();
  const limiterFor = ({ limit, windowSeconds }: RateLimitRule) => {
    const id = `${limit}/${windowSeconds}`;
    let limiter = limiters.get(id);
    if (!limiter) {
      limiter = new Ratelimit({
        redis,
        prefix,
        limiter: Ratelimit.fixedWindow(limit, `${windowSeconds} s`),
        // The limiter bounds the wait itself and logs a timeout; Ratelimit's own would allow silently.
        timeout: 0,
        analytics: false,
      });
      limiters.set(id, limiter);
    }
    return limiter;
  };
  return {
    kind: "upstash",
    async consume(rule, key) {
      const { success, reset } = await limiterFor(rule).limit(key);
      return success ? ALLOWED : { allowed: false, retryAfterSeconds: secondsUntil(reset) };
    },
  };
}

/** Upstash when its variables are set (the cache's credentials and timeout), else in process. */
export function createRateLimitStore(config: Env): RateLimitStore {
  const credentials = upstashCredentials(config);
  if (!credentials) return createMemoryRateLimitStore();
  return createUpstashRateLimitStore({
    ...credentials,
    timeoutMs: config.CACHE_TIMEOUT_MS,
    prefix: `${cacheNamespace(config)}:rate-limit`,
  });
}
