import { betterAuth, type BetterAuthOptions } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { magicLink } from "better-auth/plugins/magic-link";
import { appOrigin } from "@/lib/app-origin";
import { env, type Env } from "@/lib/env";
import { logger } from "@/lib/logger";
import type { Database } from "@/lib/prisma";
import { getDatabase } from "@/lib/prisma";
import { processSingleton } from "@/lib/process-singleton";
import { getRateLimiter, type RateLimiter } from "@/lib/rate-limit";
import { pagesChangedBy, revalidateThisRequestsPages } from "@/lib/revalidation";
import type { AccountChange } from "@/modules/users/user.service";
import { createServices } from "@/server/services";
import { authEmails, type AuthEmails } from "./auth-emails";
import { sameOriginPath } from "./redirect-path";
import { checkUserName } from "./user-validation";
import { authRateLimit, signInAccountLimit, withRetryAfter } from "./auth-rate-limit";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-policy";
import { USER_ADDITIONAL_FIELDS } from "./user-fields";

// Accounts with better-auth (ADR 0090): email and password (scrypt, no native module), magic
// links, database sessions, our integer ids. better-auth writes its own tables (users,
// sessions, accounts, verifications) through its Prisma adapter: the one writer of the
// database outside our repositories, limited to those tables and to users' auth columns.

const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
const TOKEN_TTL_SECONDS = 60 * 60;
const MAGIC_LINK_TTL_SECONDS = 15 * 60;

/** The cookie secret; production refuses to start without one (a guessable secret forges sessions). */
function authSecret(config: Pick<Env, "BETTER_AUTH_SECRET" | "NODE_ENV"> = env): string {
  if (config.BETTER_AUTH_SECRET) return config.BETTER_AUTH_SECRET;
  if (config.NODE_ENV === "production") {
    throw new Error(
      "BETTER_AUTH_SECRET is required in production: set it to 32 random bytes (openssl rand -base64 32)",
    );
  }
  // Development and tests only, where `npm run dev` normally provides a generated one.
  return "development-only-secret-never-used-in-production";
}

/**
 * Emails link to our pages, not to better-auth's GET endpoints: a page asks for a click before
 * it spends the token, so a mail scanner opening the link uses nothing up.
 */
function pageLink(origin: string, page: string, token: string, next = "/"): string {
  const url = new URL(page, origin);
  url.searchParams.set("token", token);
  if (next !== "/") url.searchParams.set("next", next);
  return url.toString();
}

/**
 * Where a magic link's sign-in continues: the `callbackURL` the sign-in page asked for (its own
 * `?next=`), which better-auth puts in the verification URL it hands us; a path on this site only.
 */
function magicLinkNext(verifyUrl: string): string {
  return sameOriginPath(new URL(verifyUrl).searchParams.get("callbackURL") ?? "/");
}

export interface AuthDeps {
  db: Database;
  emails: AuthEmails;
  config?: Env;
  /** Where sign-in, sign-up and magic-link requests are counted (the process's by default). */
  rateLimiter?: RateLimiter;
  /** Extra better-auth options. */
  overrides?: Partial<BetterAuthOptions>;
}

export function createAuth({ db, emails, config = env, rateLimiter = getRateLimiter(), overrides = {} }: AuthDeps) {
  const baseURL = appOrigin(config);
  // Deleting an account deletes its posts and comments (foreign keys, ON DELETE CASCADE): the
  // users service finds the caches they are in before, and invalidates them after (ADR 0094);
  // a new name shows in the same places. Either way the static pages that show the account are
  // revalidated before the response leaves, as for any other write (ADR 0106).
  const { users } = createServices(db);
  const pendingDeletions = new WeakMap<object, AccountChange>();
  const revalidateAccountPages = (userId: string, postIds: readonly number[]) =>
    revalidateThisRequestsPages(pagesChangedBy.account({ userId: Number(userId), postIds }));
  const auth = betterAuth({
    appName: "Scale Starter",
    baseURL,
    basePath: "/api/auth",
    secret: authSecret(config),
    trustedOrigins: [baseURL],
    database: prismaAdapter(db, { provider: "postgresql" }),
    advanced: {
      // The database generates integer ids; better-auth hands them around as strings (ADR 0091).
      database: { generateId: "serial" },
      useSecureCookies: config.NODE_ENV === "production",
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
      // The client's address for per-IP limits. Vercel sets this header itself, replacing any
      // value a client sent; elsewhere the proxy in front must do the same (docs/operations.md).
      ipAddress: { ipAddressHeaders: ["x-forwarded-for"] },
    },
    rateLimit: authRateLimit(rateLimiter),
    hooks: { before: signInAccountLimit(rateLimiter) },
    user: {
      additionalFields: USER_ADDITIONAL_FIELDS,
      deleteUser: {
        enabled: true,
        beforeDelete: async (user) => {
          pendingDeletions.set(user, await users.prepareAccountDeletion({ id: user.id }));
        },
        afterDelete: async (user) => {
          const deletion = pendingDeletions.get(user);
          if (!deletion) return;
          await deletion.invalidate();
          await revalidateAccountPages(user.id, deletion.postIds);
        },
      },
    },
    databaseHooks: {
      user: {
        create: { before: checkUserName },
        update: {
          before: checkUserName,
          // The settings page's "Save my name" (better-auth's update-user); other updates of the
          // row (a verified email, a new password's timestamp) show nowhere public.
          after: async (user, context) => {
            if (context?.path !== "/update-user" || typeof context.body?.name !== "string") return;
            await revalidateAccountPages(user.id, await users.accountRenamed({ id: user.id }));
          },
        },
      },
    },
    session: { expiresIn: SESSION_MAX_AGE_SECONDS },
    emailAndPassword: {
      enabled: true,
      // Sign-in works before verification; writes wait for it (the services check emailVerified).
      requireEmailVerification: false,
      minPasswordLength: PASSWORD_MIN_LENGTH,
      maxPasswordLength: PASSWORD_MAX_LENGTH,
      resetPasswordTokenExpiresIn: TOKEN_TTL_SECONDS,
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: ({ user, token }) =>
        emails.passwordReset(user.email, pageLink(baseURL, "/reset-password", token)),
    },
    emailVerification: {
      sendOnSignUp: true,
      autoSignInAfterVerification: true,
      expiresIn: TOKEN_TTL_SECONDS,
      sendVerificationEmail: ({ user, token }) =>
        emails.verifyEmail(user.email, pageLink(baseURL, "/verify-email", token)),
    },
    verification: { storeIdentifier: "hashed" },
    plugins: [
      magicLink({
        expiresIn: MAGIC_LINK_TTL_SECONDS,
        storeToken: "hashed",
        sendMagicLink: ({ email, token, url }) =>
          emails.magicLink(email, pageLink(baseURL, "/magic-link", token, magicLinkNext(url))),
      }),
    ],
    telemetry: { enabled: false },
    // better-auth's own lines (a wrong password, a failed email) go to the app's JSON logs,
    // with the request id, instead of the console.
    logger: {
      log: (level, message, ...args) => logger[level]({ details: args.length > 0 ? args : undefined }, message),
    },
    ...overrides,
  });
  const handler = withRetryAfter(auth.handler);
  return { ...auth, handler, fetch: handler };
}

export type Auth = ReturnType<typeof createAuth>;

const processAuth = processSingleton<Auth | undefined>("auth", () => undefined);

/** The app's auth, on the process's database; created on first use. */
export function getAuth(): Auth {
  const current = processAuth.get();
  if (current) return current;
  const created = createAuth({ db: getDatabase(), emails: authEmails() });
  processAuth.set(created);
  return created;
}

/** Tests and scripts that manage their own database or mailer. */
export function setAuth(auth: Auth | undefined): void {
  processAuth.set(auth);
}
