import { describe, expect, it } from "vitest";
import { accountButton, expectNoProblems, setupAccountsApp, signIn } from "#tests/accounts-app";
import { unique } from "#tests/factories";

// Sign-up, email confirmation, sign-out and sign-in, magic links and password resets, in
// Chromium against the production build, with every email read from a real SMTP server.

const app = setupAccountsApp();

describe("accounts, in the production build", () => {
  it("sign up, confirm by the emailed link, sign out, sign in with the password", async () => {
    const device = await app.newDevice();
    const { page } = device;
    const email = `${unique("ada")}@example.test`;
    await page.goto("/sign-up");
    await page.getByLabel("Name", { exact: true }).fill("Ada Lovelace");
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Password", { exact: true }).fill("correct horse battery");
    await page.getByRole("button", { name: "Create my account" }).click();
    await page.getByRole("heading", { name: "Check your inbox" }).waitFor();

    // Signed in at once, but told why writing waits for the confirmation.
    const notice = page.getByRole("complementary", { name: "Email not confirmed" });
    await accountButton(page, "Ada Lovelace").waitFor();
    await notice.getByText(`we sent a link to ${email}`).waitFor();

    await app.inbox.latestTo(email, { subject: /confirm your email/i });
    await notice.getByRole("button", { name: "Resend the email" }).click();
    await notice.getByText(`Sent to ${email}: check your inbox.`).waitFor();
    const mails = () => app.inbox.messages.filter((m) => m.to.includes(email) && /confirm your email/i.test(m.subject));
    await expect.poll(() => mails().length).toBe(2);
    const link = new URL(mails()[1]!.links[0]!);
    expect([link.origin, link.pathname]).toEqual([app.url, "/verify-email"]);
    await page.goto(link.href);
    await page.getByRole("button", { name: "Confirm my email" }).click();
    await page.getByRole("heading", { name: "Your email is confirmed" }).waitFor();

    await page.goto("/");
    await accountButton(page, "Ada Lovelace").waitFor();
    expect(await notice.count()).toBe(0);

    await accountButton(page, "Ada Lovelace").click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("link", { name: "Sign in" }).waitFor();

    await signIn(page, { email, password: "correct horse battery" }, "/settings");
    await page.getByText(`${email} (confirmed)`).waitFor();
    expectNoProblems(device);
  });

  it("serves the same page to a signed-in visitor and to anyone else", async () => {
    const account = await app.createAccount("Hedy");
    const device = await app.newDevice();
    await signIn(device.page, account);
    const cookie = (await device.page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const session = await (await fetch(`${app.url}/api/auth/get-session`, { headers: { cookie } })).json();
    expect(session?.user?.email).toBe(account.email);
    for (const path of ["/sign-in", "/settings", "/posts/1", "/posts/new", "/posts/1/edit", "/"]) {
      const anonymous = await (await fetch(`${app.url}${path}`)).text();
      const signedIn = await (await fetch(`${app.url}${path}`, { headers: { cookie } })).text();
      expect(signedIn, path).toBe(anonymous);
      expect(signedIn, path).not.toContain(account.email);
    }
    expectNoProblems(device);
  });

  it("a magic link signs in only when its page is clicked, and only once", async () => {
    const account = await app.createAccount("Grace");
    const device = await app.newDevice();
    const { page } = device;
    await page.goto("/sign-in");
    await page.getByLabel("Email", { exact: true }).fill(account.email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await page.getByText(`we sent a sign-in link to ${account.email}`).waitFor();
    const link = (await app.inbox.latestTo(account.email, { subject: /sign in to/i })).links[0]!;

    // A mail scanner opens the link first: loading the page must not use the token up.
    const scanner = await app.newDevice();
    await scanner.page.goto(link, { waitUntil: "networkidle" });
    await scanner.close();

    await page.goto(link);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL(`${app.url}/`);
    await accountButton(page, "Grace").waitFor();

    await page.goto(link);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page
      .getByRole("alert")
      .getByText(/cannot be used/)
      .waitFor();
    expectNoProblems(device);
  });

  it("a magic link asked for on the way to a page leads back to that page", async () => {
    const account = await app.createAccount("Hedy");
    const device = await app.newDevice();
    const { page } = device;
    await page.goto("/settings");
    await page.waitForURL(`${app.url}/sign-in?next=%2Fsettings`);
    await page.getByLabel("Email", { exact: true }).fill(account.email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await page.getByText(`we sent a sign-in link to ${account.email}`).waitFor();
    const link = (await app.inbox.latestTo(account.email, { subject: /sign in to/i })).links[0]!;
    expect(new URL(link).searchParams.get("next")).toBe("/settings");

    await page.goto(link);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL(`${app.url}/settings`);
    await page.getByRole("heading", { name: "Profile" }).waitFor();
    expectNoProblems(device);
  });

  it("a password reset signs every device out, and the new password works", async () => {
    const account = await app.createAccount("Alan");
    const laptop = await app.newDevice();
    await signIn(laptop.page, account);
    await accountButton(laptop.page, "Alan").waitFor();

    const phone = await app.newDevice();
    await phone.page.goto("/sign-in");
    await phone.page.getByRole("link", { name: "Forgot your password?" }).click();
    // The sign-in page, which also has an Email field, stays until the next page has loaded.
    await phone.page.waitForURL(`${app.url}/forgot-password`);
    await phone.page.getByLabel("Email", { exact: true }).fill(account.email);
    await phone.page.getByRole("button", { name: "Email me a link" }).click();
    await phone.page.getByText(`If an account uses ${account.email}`).waitFor();
    const link = (await app.inbox.latestTo(account.email, { subject: /reset your password/i })).links[0]!;
    expect(new URL(link).pathname).toBe("/reset-password");

    await phone.page.goto(link);
    await phone.page.getByLabel("New password").fill("a brand new passphrase");
    await phone.page.getByLabel("The same password again").fill("a brand new passphrase");
    await phone.page.getByRole("button", { name: "Save my new password" }).click();
    await phone.page.getByRole("heading", { name: "Your password is changed" }).waitFor();

    await laptop.page.reload();
    await laptop.page.getByRole("link", { name: "Sign in" }).waitFor();

    await phone.page.goto("/sign-in");
    await phone.page.getByLabel("Email", { exact: true }).fill(account.email);
    await phone.page.getByLabel("Password", { exact: true }).fill(account.password);
    await phone.page.getByRole("button", { name: "Sign in", exact: true }).click();
    await phone.page.getByRole("alert").getByText("That email and password do not match an account.").waitFor();
    await signIn(phone.page, { email: account.email, password: "a brand new passphrase" });
    await accountButton(phone.page, "Alan").waitFor();

    expectNoProblems(laptop);
    // The refused sign-in is a 401, which Chromium reports on the console.
    expectNoProblems(phone, [/status of 401/]);
  });
});
