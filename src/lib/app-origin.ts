import { env, type Env } from "./env";

// Apart from src/lib/auth/auth.ts so that what only needs the origin (the CSRF check every
// route runs) does not load better-auth with it: about 0.4 s of a cold start.

/** The app's public origin: what links in emails point at and the one origin trusted for writes. */
export function appOrigin(config: Pick<Env, "BETTER_AUTH_URL" | "VERCEL_URL" | "PORT"> = env): string {
  if (config.BETTER_AUTH_URL) return new URL(config.BETTER_AUTH_URL).origin;
  if (config.VERCEL_URL) return `https://${config.VERCEL_URL}`;
  return `http://localhost:${config.PORT ?? 3000}`;
}
