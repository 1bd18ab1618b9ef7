import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";

// Debian's Chromium (`apt-get install -y chromium`), or the Chrome of GitHub's runners, driven
// by playwright-core: never `playwright install`, which downloads a browser of its own.
const CANDIDATES = [process.env.CHROME_PATH, "/usr/bin/chromium", "/usr/bin/google-chrome"];
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export async function launchBrowser(): Promise<Browser> {
  const executablePath = CANDIDATES.find((candidate) => candidate && existsSync(candidate));
  if (!executablePath) throw new Error("No Chromium: apt-get install -y chromium, or set CHROME_PATH.");
  return chromium.launch({ executablePath, headless: true, args: FLAGS });
}

export interface PageProblems {
  /** Console errors and warnings, CSP violations among them. */
  console: string[];
  /** Violations as the page reports them (securitypolicyviolation events). */
  violations: string[];
  /** Uncaught exceptions. */
  errors: string[];
}

/** Records everything a page complains about, from before its first script runs. */
export async function watchProblems(page: Page): Promise<PageProblems> {
  const problems: PageProblems = { console: [], violations: [], errors: [] };
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.console.push(message.text());
  });
  page.on("pageerror", (error) => problems.errors.push(error.message));
  await page.exposeFunction("__reportViolation", (text: string) => problems.violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { __reportViolation: (text: string) => void }).__reportViolation(
        `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} (${event.disposition})`,
      );
    });
  });
  return problems;
}
