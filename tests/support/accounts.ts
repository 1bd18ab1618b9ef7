import { afterAll, beforeAll } from "vitest";
import { createAuth, setAuth, type Auth } from "@/lib/auth/auth";
import { authEmails } from "@/lib/auth/auth-emails";
import type { UserRole } from "@/modules/users/user.types";
import { cookieFrom } from "../../scripts/sign-in-over-http";
import { unique } from "./factories";
import { setupTestInbox, type TestInbox } from "./smtp";
import type { TestDatabase } from "./test-database";

export { cookieFrom };

// Real accounts for tests of what a signed-in user does: better-auth on the file's database,
// a real session cookie, and the sign-up's verification mail delivered to a real SMTP server.

export interface TestAccount {
  id: number;
  email: string;
  password: string;
  /** The `Cookie` header that carries its session. */
  cookie: string;
}

interface SignUpOptions {
  /** Confirmed email (the default): set in the database, where verification is not the point. */
  verified?: boolean;
  role?: UserRole;
  name?: string;
}

export interface TestAccounts {
  readonly auth: Auth;
  readonly inbox: TestInbox;
  signUp(options?: SignUpOptions): Promise<TestAccount>;
}

/** Call after setupTestDatabase(): the app's auth (getAuth, so the routes) uses `t`'s database. */
export function setupAccounts(t: TestDatabase): TestAccounts {
  const inbox = setupTestInbox();
  let auth: Auth | undefined;
  beforeAll(() => {
    auth = createAuth({ db: t.db, emails: authEmails() });
    setAuth(auth);
  });
  afterAll(() => setAuth(undefined));

  return {
    get auth() {
      return auth!;
    },
    inbox,
    async signUp({ verified = true, role = "member", name = unique("Writer") } = {}) {
      const email = `${unique("writer")}@example.test`.toLowerCase();
      const password = "correct horse battery staple";
      const { headers, response } = await auth!.api.signUpEmail({
        body: { email, password, name },
        returnHeaders: true,
      });
      const id = Number(response.user.id);
      await t.db.user.update({ where: { id }, data: { emailVerified: verified, role } });
      return { id, email, password, cookie: cookieFrom(headers) };
    },
  };
}
