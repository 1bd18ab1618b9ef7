import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll } from "vitest";
import { createMailer, setMailer } from "@/lib/mailer";

// A real SMTP server in the test process: the app's mailer sends to it over TCP with
// nodemailer, exactly as it sends to Resend in production, and tests read what arrived.

interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Every http(s) link in the text part. */
  links: string[];
}

export interface TestInbox {
  readonly url: string;
  readonly messages: ReceivedMail[];
  /** The latest message to `address` (waits for it: delivery is asynchronous). */
  latestTo(address: string, options?: { subject?: RegExp; timeoutMs?: number }): Promise<ReceivedMail>;
  clear(): void;
}

export async function startSmtpServer(): Promise<TestInbox & { stop(): Promise<void> }> {
  const messages: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const text = mail.text ?? "";
          const to = [mail.to ?? []].flat().flatMap((a) => a.value.map((v) => (v.address ?? "").toLowerCase()));
          messages.push({
            to,
            subject: mail.subject ?? "",
            text,
            html: typeof mail.html === "string" ? mail.html : "",
            links: text.match(/https?:\/\/\S+/g) ?? [],
          });
          for (const wake of waiters) wake();
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  const find = (address: string, subject?: RegExp) =>
    messages.findLast((m) => m.to.includes(address.toLowerCase()) && (!subject || subject.test(m.subject)));
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    clear: () => {
      messages.length = 0;
    },
    async latestTo(address, { subject, timeoutMs = 5_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = find(address, subject);
        if (found) return found;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no email to ${address}${subject ? ` matching ${subject}` : ""} arrived`);
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(wake, left);
          waiters.add(wake);
        });
      }
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The file's app mailer sends to a real SMTP server started for it. */
export function setupTestInbox(): TestInbox {
  let inbox: Awaited<ReturnType<typeof startSmtpServer>> | undefined;
  const handle: TestInbox = {
    get url() {
      return inbox!.url;
    },
    get messages() {
      return inbox!.messages;
    },
    latestTo: (address, options) => inbox!.latestTo(address, options),
    clear: () => inbox!.clear(),
  };
  beforeAll(async () => {
    inbox = await startSmtpServer();
    setMailer(createMailer({ SMTP_URL: inbox.url, EMAIL_FROM: "Scale Starter <test@example.test>", NODE_ENV: "test" }));
  });
  afterAll(async () => {
    setMailer(undefined);
    await inbox?.stop();
  });
  return handle;
}
