import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "../src/lib/env";
import { DEMO_ACCOUNTS } from "../prisma/seed-accounts";
import { startDevEnvironment } from "./dev-environment";

// What `npm run dev` adds for `next dev` (the child-process view is in embedded-startup.test.ts).
describe("the development environment", () => {
  let root = "";
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "scale-dev-env-"));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  const config = (variables: Record<string, string> = {}) =>
    parseEnv({ MAIL_CATCHER_SMTP_PORT: "0", MAIL_CATCHER_HTTP_PORT: "0", ...variables });

  it("generates a secret once, keeps it private, and reuses it", async () => {
    const first = await startDevEnvironment(config(), root);
    await first.stop();
    const file = path.join(root, ".data/auth-secret");
    const kept = (await readFile(file, "utf8")).trim();
    expect(first.env.BETTER_AUTH_SECRET).toBe(kept);
    expect(Buffer.from(kept, "base64url")).toHaveLength(32);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(first.startup.secret).toBe(
      "BETTER_AUTH_SECRET generated and kept in .data/auth-secret, so sessions survive restarts",
    );

    const second = await startDevEnvironment(config(), root);
    await second.stop();
    expect(second.env.BETTER_AUTH_SECRET).toBe(kept);
    expect(second.startup.secret).toMatch(/^BETTER_AUTH_SECRET kept in \.data\/auth-secret/);
  });

  it("replaces a kept secret too short to be one", async () => {
    await writeFile(path.join(root, "short"), "abc\n");
    const dev = await startDevEnvironment(config({ DEV_AUTH_SECRET_FILE: "short" }), root);
    await dev.stop();
    expect(dev.env.BETTER_AUTH_SECRET).not.toBe("abc");
    expect(dev.startup.secret).toMatch(/^BETTER_AUTH_SECRET generated/);
  });

  it("starts a mail catcher for SMTP_URL and names its inbox and the demo accounts", async () => {
    const dev = await startDevEnvironment(config(), root);
    try {
      expect(dev.env.SMTP_URL).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
      expect(dev.startup.inbox).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      await expect(fetch(dev.startup.inbox!).then((res) => res.status)).resolves.toBe(200);
      expect(dev.startup.demoAccounts).toBe(
        `${DEMO_ACCOUNTS.members.join(", ")} (password: ${DEMO_ACCOUNTS.memberPassword})`,
      );
    } finally {
      await dev.stop();
    }
  });

  it("leaves what the developer set alone, and names no demo account on their own database", async () => {
    const dev = await startDevEnvironment(
      config({ SMTP_URL: "smtp://mail.example.test:25", BETTER_AUTH_SECRET: "x".repeat(32) }),
      root,
      { demoAccounts: false },
    );
    await dev.stop();
    expect(dev.env).toEqual({});
    expect(dev.startup).toEqual({
      secret: "BETTER_AUTH_SECRET from the environment",
      mail: "sent through SMTP_URL",
    });
  });
});
