import { randomBytes } from "node:crypto";
import { createAuth } from "../../src/lib/auth/auth";
import { authEmails } from "../../src/lib/auth/auth-emails";
import { createDatabase } from "../../src/lib/prisma";
import { createServices } from "../../src/server/services";
import { signInOverHttp } from "../sign-in-over-http";

/**
 * A new admin account on the database a local production server uses, its email confirmed,
 * signed in on that server as a browser would (a same-origin POST to /api/auth/sign-in/email):
 * the Cookie header of its session. For audits and browser tests of the admin console, which
 * anyone else sees as a 404, and of the write pages, which show their forms to confirmed users.
 */
export async function signInAsNewAdmin(databaseUrl: string, origin: string): Promise<string> {
  const email = `console-${randomBytes(4).toString("hex")}@example.test`;
  const password = randomBytes(18).toString("base64url");
  const db = createDatabase({ url: databaseUrl, poolMax: 1 });
  try {
    // Confirmed by better-auth's own link, kept rather than mailed: the account exists for this
    // run only, and no mailer need be set up.
    let confirmationLink: string | undefined;
    const emails = { ...authEmails(), verifyEmail: async (_to: string, url: string) => void (confirmationLink = url) };
    const auth = createAuth({ db, emails });
    await auth.api.signUpEmail({ body: { email, password, name: "Console admin" } });
    const token = confirmationLink && new URL(confirmationLink).searchParams.get("token");
    if (!token) throw new Error("signing up the admin sent no confirmation link");
    await auth.api.verifyEmail({ query: { token } });
    await createServices(db).users.setRole({ email, role: "admin" });
  } finally {
    await db.$disconnect();
  }
  return signInOverHttp(origin, { email, password });
}
