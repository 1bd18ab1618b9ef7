import { describe, expect, it } from "vitest";
import { accountButton, expectNoProblems, setupAccountsApp, signIn } from "#tests/accounts-app";

// The settings page in Chromium against the production build: the name, the signed-in
// devices, and account deletion, which takes the account's posts and comments with it.

const app = setupAccountsApp();

describe("settings, in the production build", () => {
  it("sends a visitor who is not signed in to sign in first, and back afterwards", async () => {
    const account = await app.createAccount("Katherine");
    const device = await app.newDevice();
    await device.page.goto("/settings");
    await device.page.waitForURL(`${app.url}/sign-in?next=%2Fsettings`);
    await device.page.getByLabel("Email", { exact: true }).fill(account.email);
    await device.page.getByLabel("Password", { exact: true }).fill(account.password);
    await device.page.getByRole("button", { name: "Sign in", exact: true }).click();
    await device.page.waitForURL(`${app.url}/settings`);
    await device.page.getByRole("heading", { name: "Profile" }).waitFor();
    expectNoProblems(device);
  });

  it("the account menu leads to writing and settings, and an admin's to the console", async () => {
    const member = await app.createAccount("Margaret");
    const admin = await app.createAccount("Frances");
    await app.db.user.update({ where: { id: admin.id }, data: { role: "admin" } });
    const menuLinks = async (account: { name: string; email: string; password: string }) => {
      const device = await app.newDevice();
      await signIn(device.page, account);
      await accountButton(device.page, account.name).click();
      await device.page.getByRole("link", { name: "Settings" }).waitFor();
      const links = await device.page.getByRole("navigation", { name: "Main" }).getByRole("listitem").allInnerTexts();
      expectNoProblems(device);
      await device.close();
      return links.slice(2);
    };
    expect(await menuLinks(member)).toEqual(["New post", "Settings", "Sign out"]);
    expect(await menuLinks(admin)).toEqual(["New post", "Settings", "Admin", "Sign out"]);
  });

  it("renames, lists the devices, signs the others out, and deletes the account with what it wrote", async () => {
    const account = await app.createAccount("Barbara");
    const post = await app.db.post.create({ data: { title: "Soon gone", body: "A post.", userId: account.id } });
    await app.db.comment.create({ data: { body: "A comment.", postId: post.id, userId: account.id } });
    const laptop = await app.newDevice();
    const phone = await app.newDevice();
    await signIn(phone.page, account);
    await signIn(laptop.page, account, "/settings");
    const { page } = laptop;
    // The static pages that show her, requested before she changes anything, so that a copy is
    // kept. What that copy holds is not asserted: the production build's page cache is shared by
    // every server the end-to-end files start, so the same path may hold a page another file's
    // database rendered. Either way only a revalidation can replace it before its day is up.
    const served = async (path: string) => {
      const res = await fetch(`${app.url}${path}`);
      return { status: res.status, html: await res.text() };
    };
    await served(`/posts/${post.id}`);
    await served(`/users/${account.id}`);

    await page.getByLabel("Name", { exact: true }).fill("Barbara Liskov");
    await page.getByRole("button", { name: "Save my name" }).click();
    await page.getByText("Your name is saved.").waitFor();
    await accountButton(page, "Barbara Liskov").waitFor();
    // Revalidated before the answer: the next visitor reads the new name.
    expect((await served(`/posts/${post.id}`)).html).toContain("Barbara Liskov");
    expect((await served(`/users/${account.id}`)).html).toContain("Barbara Liskov");

    const devices = page.getByRole("region", { name: "Signed-in devices" }).getByRole("listitem");
    await page.getByText("This device").waitFor();
    expect(await devices.count()).toBe(2);
    expect(await devices.filter({ hasText: "This device" }).count()).toBe(1);
    await devices.first().getByText("Chrome on Linux").waitFor();
    await page.getByRole("button", { name: "Sign out everywhere else" }).click();
    await expect.poll(() => devices.count()).toBe(1);
    await devices.getByText("This device").waitFor();
    await phone.page.reload();
    await phone.page.getByRole("link", { name: "Sign in" }).waitFor();

    await page.getByRole("button", { name: "Delete my account…" }).click();
    await page.getByLabel("Your password, to confirm").fill(account.password);
    await page.getByRole("button", { name: "Delete my account for good" }).click();
    await page.getByRole("heading", { name: "Your account is deleted" }).waitFor();
    await page.getByRole("link", { name: "Sign in" }).waitFor();
    expect(await app.db.user.count({ where: { id: account.id } })).toBe(0);
    expect(await app.db.post.count({ where: { userId: account.id } })).toBe(0);
    expect(await app.db.comment.count({ where: { userId: account.id } })).toBe(0);
    // Nothing she wrote is still served from a static page.
    for (const path of [`/posts/${post.id}`, `/posts/${post.id}/edit`, `/users/${account.id}`]) {
      expect((await served(path)).status, path).toBe(404);
    }

    expectNoProblems(laptop);
    expectNoProblems(phone);
  });
});
