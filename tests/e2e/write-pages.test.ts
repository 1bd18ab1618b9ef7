import { describe, expect, it } from "vitest";
import { expectNoProblems, setupAccountsApp, signIn } from "#tests/accounts-app";

// The write pages and a post's viewer tools, in Chromium against the production build: who is
// sent to sign in, who is told to confirm their email, which buttons each viewer gets, and what
// a refusal from the API looks like.

const app = setupAccountsApp();

describe("writing, in the production build", () => {
  it("sends a visitor to sign in and back; tells an unconfirmed user why, with a new link", async () => {
    const account = await app.createAccount("Radia");
    const visitor = await app.newDevice();
    await visitor.page.goto("/posts/new");
    await visitor.page.waitForURL(`${app.url}/sign-in?next=%2Fposts%2Fnew`);
    await visitor.page.getByLabel("Email", { exact: true }).fill(account.email);
    await visitor.page.getByLabel("Password", { exact: true }).fill(account.password);
    await visitor.page.getByRole("button", { name: "Sign in", exact: true }).click();
    await visitor.page.waitForURL(`${app.url}/posts/new`);
    await visitor.page.getByLabel("Title").waitFor();
    expectNoProblems(visitor);

    const unconfirmed = await app.createAccount("Sophie");
    await app.db.user.update({ where: { id: unconfirmed.id }, data: { emailVerified: false } });
    const device = await app.newDevice();
    await signIn(device.page, unconfirmed, "/posts/new");
    await device.page.getByText("Confirm your email address to start writing").waitFor();
    expect(await device.page.getByLabel("Title").count()).toBe(0);
    await device.page.getByRole("button", { name: "Send the confirmation email again" }).click();
    await device.page.getByText(`Sent to ${unconfirmed.email}: check your inbox.`).waitFor();
    expect((await app.inbox.latestTo(unconfirmed.email, { subject: /confirm your email/i })).links[0]).toContain(
      "/verify-email?token=",
    );
    await device.page.goto("/posts/1");
    await device.page.getByText("Confirm your email address to comment").waitFor();
    expectNoProblems(device);
  });

  it("gives each viewer the buttons the services' rules allow, and a comment's deletion shows at once", async () => {
    const author = await app.createAccount("Ada");
    const reader = await app.createAccount("Brian");
    const admin = await app.createAccount("Edsger");
    await app.db.user.update({ where: { id: admin.id }, data: { role: "admin" } });
    const post = await app.db.post.create({ data: { title: "Owned by Ada", body: "Hers.", userId: author.id } });
    await app.db.comment.create({ data: { body: "Ada answers.", postId: post.id, userId: author.id } });
    await app.db.comment.create({ data: { body: "Brian asks.", postId: post.id, userId: reader.id } });
    const postUrl = `/posts/${post.id}`;
    const buttonsOf = async (account?: { email: string; password: string }) => {
      const device = await app.newDevice();
      if (account) await signIn(device.page, account, postUrl);
      else await device.page.goto(postUrl);
      // The comment slot fills in once the session is read: the buttons are there by then.
      await device.page
        .getByText(account ? "Your comment" : "to comment.")
        .first()
        .waitFor();
      const names = await device.page
        .getByRole("main")
        .locator(".owner-tools")
        .evaluateAll((tools) => tools.flatMap((t) => [...t.querySelectorAll("a, button")].map((b) => b.textContent)));
      expectNoProblems(device);
      await device.close();
      return names;
    };
    expect(await buttonsOf()).toEqual([]);
    expect(await buttonsOf(reader)).toEqual(["Delete the comment by Brian"]);
    const everything = [
      "Edit this post",
      "Delete this post",
      "Delete the comment by Ada",
      "Delete the comment by Brian",
    ];
    expect(await buttonsOf(author)).toEqual(everything);
    expect(await buttonsOf(admin)).toEqual(everything);

    const device = await app.newDevice();
    await signIn(device.page, author, postUrl);
    await device.page.getByRole("button", { name: "Delete the comment by Brian" }).click();
    await device.page.getByRole("button", { name: "Delete for good the comment by Brian" }).click();
    await device.page.getByRole("heading", { name: "1 comment" }).waitFor();
    expect(await device.page.getByText("Brian asks.").count()).toBe(0);
    expect(await device.page.evaluate(() => document.activeElement?.id)).toBe("comments-heading");
    expectNoProblems(device);
  });

  it("says so when the API refuses an edit, and when the post is gone", async () => {
    const author = await app.createAccount("Grace");
    const other = await app.createAccount("Alan");
    const post = await app.db.post.create({ data: { title: "Soon not hers", body: "Text.", userId: author.id } });
    const device = await app.newDevice();
    const { page } = device;

    await signIn(page, other, `/posts/${post.id}/edit`);
    await page.getByText("Only the post's author or an admin may edit it.").waitFor();
    // An unknown post has no edit page: the 404 page, as for the post itself.
    const missing = await page.goto("/posts/2147483000/edit");
    expect(missing?.status()).toBe(404);
    await page.getByRole("heading", { name: "Page not found" }).waitFor();

    await page.getByRole("button", { name: "Account: Alan" }).click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await signIn(page, author, `/posts/${post.id}/edit`);
    await page.getByLabel("Title").fill("Edited too late");
    // Between loading the form and saving it, the post changes hands: the service refuses.
    await app.db.post.update({ where: { id: post.id }, data: { userId: other.id } });
    await page.getByRole("button", { name: "Save the post" }).click();
    await page.getByRole("alert").getByText("Only the post's author or an admin may edit it.").waitFor();
    await app.db.post.delete({ where: { id: post.id } });
    await page.getByRole("button", { name: "Save the post" }).click();
    await page.getByRole("alert").getByText("This post no longer exists: it may have been deleted.").waitFor();
    expect(page.url()).toBe(`${app.url}/posts/${post.id}/edit`);
    // Chromium reports each refused request on the console.
    expectNoProblems(device, [/status of 404/, /status of 403/, /status of 404/]);
  });
});
