import { z } from "zod";

// Every variable the app reads, validated once (t3's pattern): a server schema, and a client
// schema for the NEXT_PUBLIC_* variables, the only ones that may reach the browser. Next
// inlines those into the browser bundle at build (src/lib/public-env.ts reads them there, with
// no zod); they are validated here too, so that a bad value fails at start. Nothing is
// required for local use: without DATABASE_URL the npm scripts start an embedded PostgreSQL
// and set it for the app. An invalid variable fails at start, named.
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

/** Variables that may reach the browser: all named NEXT_PUBLIC_*, none secret. */
export const clientSchema = z.object({
  NEXT_PUBLIC_SENTRY_DSN: optionalSentryDsn,
  NEXT_PUBLIC_SENTRY_TRACES_SAMPLE_RATE: z.coerce.number().min(0).max(1).default(0.1),
  // Set by Vercel on its builds: "production", "preview" or "development".
  NEXT_PUBLIC_VERCEL_ENV: optionalText,
});

const serverSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: optionalUrl,
  // Migrations and backfills bypass a connection pooler when this is set (docs/migrations.md).
  DIRECT_DATABASE_URL: optionalUrl,
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  EMBEDDED_DB_PORT: z.coerce.number().int().min(0).max(65_535).default(54_329),
  EMBEDDED_DB_DIR: z.string().default(".data/pglite"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // Monitoring (docs/monitoring.md). Without a DSN, Sentry stays off entirely.
  SENTRY_DSN: optionalSentryDsn,
  SENTRY_TRACES_SAMPLE_RATE: z.coerce.number().min(0).max(1).default(0.1),
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
  // Accounts (src/lib/auth). The secret signs session cookies: required in production (checked
  // when the app starts serving, src/lib/auth/auth.ts); `npm run dev` generates one under .data/.
  BETTER_AUTH_SECRET: optionalText.pipe(
    z.string().min(32, { error: "must be at least 32 characters (openssl rand -base64 32)" }).optional(),
  ),
  // The app's public origin (links in emails, the trusted origin). Defaults to the Vercel
  // deployment's URL, else http://localhost:3000.
  BETTER_AUTH_URL: optionalUrl,
  VERCEL_URL: optionalText,
  PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  // Email through SMTP (smtp://user:password@host:port, smtps:// for TLS); Resend in production.
  SMTP_URL: optionalText.pipe(
    z
      .string()
      .regex(/^smtps?:\/\/[^\s]+$/, { error: "must be an smtp:// or smtps:// URL" })
      .optional(),
  ),
  EMAIL_FROM: optionalText.pipe(z.string().default("Scale Starter <no-reply@localhost>")),
  // `npm run dev` only: the mail catcher it starts when SMTP_URL is not set (ADR 0099), and
  // where it keeps the BETTER_AUTH_SECRET it generates when that is not set (ADR 0100).
  MAIL_CATCHER_SMTP_PORT: z.coerce.number().int().min(0).max(65_535).default(1025),
  MAIL_CATCHER_HTTP_PORT: z.coerce.number().int().min(0).max(65_535).default(1080),
  DEV_AUTH_SECRET_FILE: z.string().default(".data/auth-secret"),
});

const UPSTASH_VARIABLE_PAIRS = [
  ["UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN"],
  ["UPSTASH_REDIS_URL", "UPSTASH_REDIS_TOKEN"],
] as const;

// A URL without its token (or the reverse) is a half-done setup: fail at start, not at the first read.
export const envSchema = serverSchema.extend(clientSchema.shape).superRefine((env, ctx) => {
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
