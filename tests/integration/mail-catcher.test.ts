import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authEmails } from "@/lib/auth/auth-emails";
import { createMailer, type Mailer } from "@/lib/mailer";
import { startMailCatcher, type MailCatcher } from "../../scripts/mail-catcher";

// The catcher `npm run dev` starts: the app's own mailer sends to it over SMTP, and its inbox
// page shows what arrived, newest first, with clickable links.
describe("the development mail catcher", () => {
  let catcher: MailCatcher;
  let mailer: Mailer;
  const inbox = async () => {
    const res = await fetch(catcher.inboxUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    return res.text();
  };

  beforeAll(async () => {
    catcher = await startMailCatcher();
    mailer = createMailer({
      SMTP_URL: catcher.smtpUrl,
      EMAIL_FROM: "Scale Starter <dev@example.test>",
      NODE_ENV: "development",
    });
  });
  afterAll(() => catcher.stop());

  it("receives what the app's mailer sends and lists it with its link clickable", async () => {
    await expect(inbox()).resolves.toContain("No email yet.");
    const link = "http://localhost:3000/verify-email?token=abc123";
    await authEmails(() => mailer).verifyEmail("ada@example.test", link);

    expect(catcher.messages).toEqual([
      expect.objectContaining({ to: ["ada@example.test"], from: "dev@example.test", subject: "Confirm your email" }),
    ]);
    const page = await inbox();
    expect(page).toContain("<h2>Confirm your email</h2>");
    expect(page).toContain("To ada@example.test");
    expect(page).toContain(`<a href="${link}">${link}</a>`);
  });

  it("lists the newest first and shows a message's text, never its markup", async () => {
    await mailer.send({ to: "grace@example.test", subject: "Older <b>one</b>", text: "<script>alert(1)</script>" });
    await authEmails(() => mailer).magicLink("grace@example.test", "http://localhost:3000/magic-link?token=xyz");
    const page = await inbox();
    expect(page.indexOf("Sign in to Scale Starter")).toBeLessThan(page.indexOf("Older &#60;b&#62;one&#60;/b&#62;"));
    expect(page).not.toContain("<script>");
    expect(page).toContain("&#60;script&#62;alert(1)&#60;/script&#62;");
  });

  it("answers 404 outside its one page", async () => {
    const res = await fetch(new URL("/messages", catcher.inboxUrl));
    expect(res.status).toBe(404);
  });

  it("names the variable to set when its port is taken", async () => {
    const taken = Number(new URL(catcher.smtpUrl).port);
    await expect(startMailCatcher({ smtpPort: taken })).rejects.toThrow(
      `Port ${taken} is in use: is another \`npm run dev\` running? Stop it or set MAIL_CATCHER_SMTP_PORT.`,
    );
    const inboxPort = Number(new URL(catcher.inboxUrl).port);
    await expect(startMailCatcher({ httpPort: inboxPort })).rejects.toThrow(/set MAIL_CATCHER_HTTP_PORT\.$/);
  });
});
