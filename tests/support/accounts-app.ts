import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { createAuth } from "@/lib/auth/auth";
import { authEmails } from "@/lib/auth/auth-emails";
import { createMailer } from "@/lib/mailer";
import { createDatabase, type Database } from "@/lib/prisma";
import { seedIfEmpty } from "../../prisma/seed";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../../scripts/db/embedded";
import { applyMigrations } from "../../scripts/db/schema-engine";
import { launchBrowser, watchProblems, type PageProblems } from "./browser";
import { unique } from "./factories";
import { startProductionServer, type ProductionServer } from "./production-server";
import { startSmtpServer, type TestInbox } from "./smtp";

// The production build with real mail: `next start` sends to an SMTP server in this process,
// and Chromium plays the people. Each "device" is a browser context of its own (cookies) with a
// client address of its own, as two real devices would have: rate limits count per address.

export interface Device {
  page: Page;
  problems: PageProblems;
  close(): Promise<void>;
}

interface Account {
  id: number;
  name: string;
  email: string;
  password: string;
}

export interface AccountsApp {
  readonly url: string;
  readonly inbox: TestInbox;
  readonly db: Database;
  newDevice(): Promise<Device>;
  /** A confirmed account with a password, made in this process: no request, so no rate limit spent. */
  createAccount(name: string): Promise<Account>;
}

let addresses = 0;

export function setupAccountsApp(): AccountsApp {
  let database: EmbeddedPostgres;
  let inbox: Awaited<ReturnType<typeof startSmtpServer>>;
  let server: ProductionServer;
  let browser: Browser;
  let db: Database;
  let auth: ReturnType<typeof createAuth>;

  beforeAll(async () => {
    database = await startEmbeddedPostgres({ port: 0 });
    await applyMigrations(database.url);
    await seedIfEmpty(database.url, { users: 3, posts: 5, comments: 5 });
    inbox = await startSmtpServer();
    const EMAIL_FROM = "Scale Starter <accounts@example.test>";
    server = await startProductionServer({ DATABASE_URL: database.url, SMTP_URL: inbox.url, EMAIL_FROM });
    browser = await launchBrowser();
    db = createDatabase({ url: database.url, poolMax: 2 });
    const mailer = createMailer({ SMTP_URL: inbox.url, EMAIL_FROM, NODE_ENV: "test" });
    auth = createAuth({ db, emails: authEmails(() => mailer) });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await db?.$disconnect();
    await inbox?.stop();
    await database?.stop();
  });

  return {
    get url() {
      return server.url;
    },
    get inbox() {
      return inbox;
    },
    get db() {
      return db;
    },
    async newDevice() {
      addresses += 1;
      const context = await browser.newContext({
        baseURL: server.url,
        extraHTTPHeaders: { "x-forwarded-for": `198.51.100.${addresses}` },
      });
      const page = await context.newPage();
      const problems = await watchProblems(page);
      return { page, problems, close: () => context.close() };
    },
    async createAccount(name) {
      const account = { name, email: `${unique(name.toLowerCase())}@example.test`, password: unique("password") };
      const { user } = await auth.api.signUpEmail({ body: account });
      await db.user.update({ where: { id: Number(user.id) }, data: { emailVerified: true } });
      // Signing up signs in: that session belongs to this process, not to any device.
      await db.session.deleteMany({ where: { userId: Number(user.id) } });
      return { ...account, id: Number(user.id) };
    },
  };
}

/** The header's account button, once the session has been read in the browser. */
export const accountButton = (page: Page, name: string) =>
  page.getByRole("button", { name: `Account: ${name}`, exact: true });

export async function signIn(page: Page, { email, password }: { email: string; password: string }, next = "/") {
  await page.goto(next === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => url.pathname === next);
}

/** A device that saw no CSP violation, no uncaught error and no console error or warning. */
export function expectNoProblems(device: Device, expectedConsole: RegExp[] = []): void {
  const { console: lines, violations, errors } = device.problems;
  expect({ violations, errors }).toEqual({ violations: [], errors: [] });
  expect(lines.filter((line) => !expectedConsole.some((pattern) => pattern.test(line)))).toEqual([]);
  expect(lines).toHaveLength(expectedConsole.length);
}
