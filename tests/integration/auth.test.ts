import { beforeAll, describe, expect, it } from "vitest";
import { createAuth, setAuth } from "@/lib/auth/auth";
import { authEmails } from "@/lib/auth/auth-emails";
import { toActor } from "@/lib/auth/actor";
import { cookieFrom } from "#tests/accounts";
import { setupTestInbox } from "#tests/smtp";
import { setupTestDatabase } from "#tests/test-database";

const t = setupTestDatabase();
const inbox = setupTestInbox();

describe("accounts (better-auth on our schema)", () => {
  let auth: ReturnType<typeof createAuth>;
  beforeAll(() => {
    auth = createAuth({ db: t.db, emails: authEmails() });
    setAuth(auth);
  });

  it("signs up with an integer id, unverified, a member, and mails a verification link to our page", async () => {
    const { user } = await auth.api.signUpEmail({
      body: { email: "ada@example.test", password: "correct horse battery", name: "Ada" },
    });
    const actor = toActor(user);
    expect(actor).toEqual({ id: expect.any(Number), role: "member", emailVerified: false });
    expect(Number.isInteger(actor.id)).toBe(true);

    const mail = await inbox.latestTo("ada@example.test", { subject: /confirm your email/i });
    const link = new URL(mail.links[0]!);
    expect(link.pathname).toBe("/verify-email");
    const token = link.searchParams.get("token")!;
    await auth.api.verifyEmail({ query: { token } });

    const signIn = await auth.api.signInEmail({
      body: { email: "ada@example.test", password: "correct horse battery" },
      returnHeaders: true,
    });
    const cookie = cookieFrom(signIn.headers);
    const session = await auth.api.getSession({ headers: new Headers({ cookie }) });
    expect(toActor(session!.user)).toEqual({ id: actor.id, role: "member", emailVerified: true });
    const row = await t.db.session.findFirst({ where: { userId: actor.id } });
    expect(row?.userId).toBe(actor.id);
  });

  it("refuses a name the app's text rules refuse, on sign-up and on update, with a 400 naming it", async () => {
    const tooLong = auth.api.signUpEmail({
      body: { email: "long@example.test", password: "correct horse battery", name: "x".repeat(101) },
    });
    await expect(tooLong).rejects.toMatchObject({ statusCode: 400, body: { code: "INVALID_NAME" } });
    expect(await t.db.user.count({ where: { email: "long@example.test" } })).toBe(0);

    const signUp = await auth.api.signUpEmail({
      body: { email: "grace@example.test", password: "correct horse battery", name: "  Grace  " },
      returnHeaders: true,
    });
    expect(signUp.response.user.name).toBe("Grace");
    const cookie = cookieFrom(signUp.headers);
    await expect(
      auth.api.updateUser({ headers: new Headers({ cookie }), body: { name: "Gr\u0000ace" } }),
    ).rejects.toMatchObject({ statusCode: 400, body: { message: expect.stringMatching(/^name /) } });
    expect((await t.db.user.findUnique({ where: { email: "grace@example.test" } }))?.name).toBe("Grace");
  });
});
