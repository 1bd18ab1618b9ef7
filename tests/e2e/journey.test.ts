import { describe, expect, it } from "vitest";
import { accountButton, expectNoProblems, setupAccountsApp } from "#tests/accounts-app";
import { unique } from "#tests/factories";

// The whole life of a writer, in Chromium against the production build, with the verification
// email read from a real SMTP server: every step waits on what the page shows, never on time.

const app = setupAccountsApp();

describe("a writer's journey, in the production build", () => {
  it("sign up, confirm, write, see it first on the feed, comment, edit, delete, sign out", async () => {
    const device = await app.newDevice();
    const { page } = device;
    const email = `${unique("lin")}@example.test`;
    const title = unique("First steps at scale");

    await page.goto("/sign-up");
    await page.getByLabel("Name", { exact: true }).fill("Lin Writer");
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Password", { exact: true }).fill("correct horse battery");
    await page.getByRole("button", { name: "Create my account" }).click();
    await page.getByRole("heading", { name: "Check your inbox" }).waitFor();

    const mail = await app.inbox.latestTo(email, { subject: /confirm your email/i });
    await page.goto(mail.links[0]!);
    await page.getByRole("button", { name: "Confirm my email" }).click();
    await page.getByRole("heading", { name: "Your email is confirmed" }).waitFor();

    await page.getByRole("link", { name: "Write your first post" }).click();
    await page.waitForURL(`${app.url}/posts/new`);
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Text").fill("Measure first.\nThen cache what the numbers say.");
    await page.getByRole("button", { name: "Publish" }).click();
    await page.waitForURL(/\/posts\/\d+$/);
    const postPath = new URL(page.url()).pathname;
    await page.getByRole("heading", { level: 1, name: title }).waitFor();

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Feed" }).click();
    await page.waitForURL(`${app.url}/`);
    const firstCard = page.getByRole("main").getByRole("listitem").first();
    await firstCard.getByRole("link", { name: title }).click();
    await page.waitForURL(`${app.url}${postPath}`);

    await page.getByLabel("Your comment").fill("A first comment, by the author.");
    await page.getByRole("button", { name: "Post the comment" }).click();
    await page.getByRole("status").getByText("Your comment is posted.").waitFor();
    const comments = page.getByRole("region", { name: /comment/ }).getByRole("listitem");
    await comments.getByText("A first comment, by the author.").waitFor();
    await page.getByRole("heading", { name: "1 comment" }).waitFor();
    expect(await page.getByLabel("Your comment").inputValue()).toBe("");

    await page.getByRole("link", { name: "Edit this post" }).click();
    await page.waitForURL(`${app.url}${postPath}/edit`);
    const titleField = page.getByLabel("Title");
    await expect.poll(() => titleField.inputValue()).toBe(title);
    await titleField.fill(`${title}, edited`);
    await page.getByRole("button", { name: "Save the post" }).click();
    await page.waitForURL(`${app.url}${postPath}`);
    await page.getByRole("heading", { level: 1, name: `${title}, edited` }).waitFor();
    await comments.getByText("A first comment, by the author.").waitFor();

    await page.getByRole("button", { name: "Delete this post" }).click();
    await page.getByRole("button", { name: "Delete for good this post" }).click();
    await page.waitForURL(`${app.url}/`);
    await firstCard.waitFor();
    expect(await page.getByRole("main").getByText(title).count()).toBe(0);
    expect((await fetch(`${app.url}/api${postPath}`)).status).toBe(404);

    await accountButton(page, "Lin Writer").click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("link", { name: "Sign in" }).waitFor();
    expectNoProblems(device);
  });
});
