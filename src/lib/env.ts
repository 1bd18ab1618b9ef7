import { z } from "zod";

// Every variable the server reads, validated once. Nothing is required for local use:
// without DATABASE_URL the npm scripts start an embedded PostgreSQL and set it for the app.
// Only variables prefixed NEXT_PUBLIC_ may reach the browser: the two NEXT_PUBLIC_SENTRY_*
// ones are inlined into the browser bundle at build and validated here too, so that a bad
// value fails at start.
const optionalUrl = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .pipe(z.url().optional())
  .optional();

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

// The shape Sentry's SDK accepts (it ignores any other DSN with a console warning).
const SENTRY_DSN_FORMAT = /^https?:\/\/\w+(:\w*)?@(\[[:.%\w]+\]|[\w.-]+)(:\d+)?\/.+$/;
const optionalSentryDsn = optionalUrl.refine((v) => v === undefined || SENTRY_DSN_FORMAT.test(v), {
  message: "must be a Sentry DSN: https://<public key>@<host>/<project id>",
});

const baseSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: optionalUrl,
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  EMBEDDED_DB_PORT: z.coerce.number().int().min(0).max(65_535).default(54_329),
  EMBEDDED_DB_DIR: z.string().default(".data/pglite"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // Monitoring (docs/monitoring.md). Without a DSN, Sentry stays off entirely.
  SENTRY_DSN: optionalSentryDsn,
  NEXT_PUBLIC_SENTRY_DSN: optionalSentryDsn,
  SENTRY_TRACES_SAMPLE_RATE: z.coerce.number().min(0).max(1).default(0.1),
  NEXT_PUBLIC_SENTRY_TRACES_SAMPLE_RATE: z.coerce.number().min(0).max(1).default(0.1),
  SENTRY_ENVIRONMENT: optionalText,
  SENTRY_RELEASE: optionalText,
  VERCEL_ENV: optionalText,
  VERCEL_GIT_COMMIT_SHA: optionalText,
  SLOW_REQUEST_MS: z.coerce.number().int().min(0).default(2_000),
  HEALTH_CHECK_TIMEOUT_MS: z.coerce.number().int().min(50).max(10_000).default(1_000),
  // Upstash's own names (set by its Vercel integration) and the article's names are both accepted.
  UPSTASH_REDIS_REST_URL: optionalUrl,
  UPSTASH_REDIS_REST_TOKEN: optionalText,
  UPSTASH_REDIS_URL: optionalUrl,
  UPSTASH_REDIS_TOKEN: optionalText,
  CACHE_NAMESPACE: z
    .string()
    .trim()
    .regex(/^[\w.-]{1,50}$/, { error: "use 1 to 50 letters, digits, '.', '-' or '_'" })
    .default("scale-starter"),
  CACHE_TIMEOUT_MS: z.coerce.number().int().min(10).max(10_000).default(150),
  // Bypasses the app cache entirely (reads go to the database, nothing is stored).
  CACHE_DISABLED: z.stringbool({ error: "use true or false" }).default(false),
});

const UPSTASH_VARIABLE_PAIRS = [
  ["UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN"],
  ["UPSTASH_REDIS_URL", "UPSTASH_REDIS_TOKEN"],
] as const;

// A URL without its token (or the reverse) is a half-done setup: fail at start, not at the first read.
export const envSchema = baseSchema.superRefine((env, ctx) => {
  for (const [urlName, tokenName] of UPSTASH_VARIABLE_PAIRS) {
    if (Boolean(env[urlName]) === Boolean(env[tokenName])) continue;
    const missing = env[urlName] ? tokenName : urlName;
    ctx.addIssue({
      code: "custom",
      path: [missing],
      message: `is required when ${missing === urlName ? tokenName : urlName} is set`,
    });
  }
});

export type Env = z.infer<typeof envSchema>;

/** The Upstash REST endpoint to use, if any: Upstash's variable names win over the article's. */
export function upstashCredentials(env: Env): { url: string; token: string } | undefined {
  for (const [urlName, tokenName] of UPSTASH_VARIABLE_PAIRS) {
    const url = env[urlName];
    const token = env[tokenName];
    if (url && token) return { url, token };
  }
  return undefined;
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment variables:\n${lines.join("\n")}`);
  }
  return result.data;
}

export const env: Env = parseEnv(process.env);
