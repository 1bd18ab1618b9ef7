// The variables browser code may read, and the only place it reads them. Each is named in
// full (`process.env.NEXT_PUBLIC_…`) because that is what Next replaces with its value at
// build; a lookup by computed name would be undefined in the browser. No zod here, to keep it
// out of the browser bundle: the server validates the same names with `clientSchema`
// (src/lib/env.ts) when it starts.
export const publicEnv = {
  NEXT_PUBLIC_SENTRY_DSN: process.env.NEXT_PUBLIC_SENTRY_DSN || undefined,
  NEXT_PUBLIC_SENTRY_TRACES_SAMPLE_RATE: Number(process.env.NEXT_PUBLIC_SENTRY_TRACES_SAMPLE_RATE || 0.1),
  NEXT_PUBLIC_VERCEL_ENV: process.env.NEXT_PUBLIC_VERCEL_ENV || undefined,
} as const;

/** Next inlines NODE_ENV in browser bundles too. */
export const buildMode = process.env.NODE_ENV;
