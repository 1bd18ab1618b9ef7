import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Env } from "../src/lib/env";
import { DEMO_ACCOUNTS } from "../prisma/seed-accounts";

// What `npm run dev` adds to the environment of `next dev` when the developer has not set it:
// a BETTER_AUTH_SECRET kept in .data/ (ADR 0100) and a mail catcher for SMTP_URL (ADR 0099),
// each said in the start-up line, with the demo accounts to sign in with.

export interface DevEnvironment {
  /** Variables for the child process. */
  env: Record<string, string>;
  /** Fields of the start-up line. */
  startup: Record<string, string>;
  stop(): Promise<void>;
}

/** The development secret kept in `file`, or a new one (32 random bytes) written there. */
async function devAuthSecret(file: string): Promise<{ secret: string; generated: boolean }> {
  try {
    const kept = (await readFile(file, "utf8")).trim();
    if (kept.length >= 32) return { secret: kept, generated: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const secret = randomBytes(32).toString("base64url");
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return { secret, generated: true };
}

export async function startDevEnvironment(
  config: Env,
  root: string,
  { demoAccounts = true } = {},
): Promise<DevEnvironment> {
  const env: Record<string, string> = {};
  const startup: Record<string, string> = {};
  let stop = async () => {};

  if (config.BETTER_AUTH_SECRET) {
    startup.secret = "BETTER_AUTH_SECRET from the environment";
  } else {
    const file = path.resolve(root, config.DEV_AUTH_SECRET_FILE);
    const { secret, generated } = await devAuthSecret(file);
    env.BETTER_AUTH_SECRET = secret;
    startup.secret = `BETTER_AUTH_SECRET ${generated ? "generated and kept" : "kept"} in ${path.relative(root, file)}, so sessions survive restarts`;
  }

  if (config.SMTP_URL) {
    startup.mail = "sent through SMTP_URL";
  } else {
    // A dev dependency, loaded only here: `npm start` never needs it.
    const { startMailCatcher } = await import("./mail-catcher");
    const catcher = await startMailCatcher({
      smtpPort: config.MAIL_CATCHER_SMTP_PORT,
      httpPort: config.MAIL_CATCHER_HTTP_PORT,
    });
    env.SMTP_URL = catcher.smtpUrl;
    startup.inbox = catcher.inboxUrl;
    stop = catcher.stop;
  }

  if (demoAccounts) {
    const { members, memberPassword, admin } = DEMO_ACCOUNTS;
    startup.demoAccounts = `${members.join(", ")} (password: ${memberPassword})`;
    startup.admin = `${admin.email} (password: ${admin.password})`;
  }
  return { env, startup, stop };
}
