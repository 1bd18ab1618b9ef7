import { describe, expect, it, vi } from "vitest";
import { capturedLogs, expectLog } from "#tests/logs";
import { createMailer } from "./mailer";

const sentry = vi.hoisted(() => ({ events: [] as unknown[] }));
vi.mock("@sentry/nextjs", () => ({ captureException: (error: unknown) => sentry.events.push(error) }));

// `npm start` without SMTP_URL starts no mail catcher: the app runs, says once that it cannot
// send, and every email it then fails to send is an error in the logs and in Sentry.
describe("a mailer without SMTP_URL", () => {
  const message = { to: "ada@example.test", subject: "Confirm your email", text: "…" };

  it("in production, warns once when created, and reports every email it cannot send", async () => {
    expectLog("warn", /^SMTP_URL is not set: no email can be sent/);
    expectLog("error", /^email not sent$/);
    const mailer = createMailer({ SMTP_URL: undefined, EMAIL_FROM: "x@example.test", NODE_ENV: "production" });
    await expect(mailer.send(message)).rejects.toThrow('cannot send "Confirm your email": SMTP_URL is not set');
    await expect(mailer.send(message)).rejects.toThrow(/SMTP_URL is not set/);
    expect(sentry.events).toHaveLength(2);
    expect(capturedLogs().map((line) => line.level)).toEqual(["warn", "error", "error"]);
  });

  it("elsewhere, creates without a warning (npm run dev gives it the mail catcher)", () => {
    expect(() =>
      createMailer({ SMTP_URL: undefined, EMAIL_FROM: "x@example.test", NODE_ENV: "development" }),
    ).not.toThrow();
  });
});
