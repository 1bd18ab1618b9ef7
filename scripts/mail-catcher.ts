import type { EventEmitter } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser, type AddressObject } from "mailparser";
import { SMTPServer } from "smtp-server";

// The development mail catcher (ADR 0099): a real SMTP server on a local port, so the app sends
// its emails over SMTP exactly as it does to Resend in production, and a one-page inbox over
// HTTP to read them and click their links. `npm run dev` starts it when SMTP_URL is not set.
// Messages live in memory and go with the process.

interface CaughtMail {
  receivedAt: Date;
  from: string;
  to: string[];
  subject: string;
  text: string;
}

export interface MailCatcherOptions {
  host?: string;
  /** 0 picks a free port. */
  smtpPort?: number;
  /** 0 picks a free port. */
  httpPort?: number;
  /** The oldest messages are dropped beyond this many. */
  maxMessages?: number;
}

export interface MailCatcher {
  /** What to give the app as SMTP_URL. */
  smtpUrl: string;
  /** The inbox page. */
  inboxUrl: string;
  /** Newest first. */
  readonly messages: readonly CaughtMail[];
  stop(): Promise<void>;
}

const addresses = (field: AddressObject | AddressObject[] | undefined) =>
  [field ?? []].flat().flatMap((group) => group.value.map((entry) => entry.address ?? ""));

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The text of a message, escaped, with its links made clickable. */
function linkify(text: string): string {
  return escapeHtml(text).replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);
}

function renderInbox(messages: readonly CaughtMail[]): string {
  const items = messages.map(
    (mail) => `<article>
<h2>${escapeHtml(mail.subject || "(no subject)")}</h2>
<p class="meta">To ${escapeHtml(mail.to.join(", "))} · from ${escapeHtml(mail.from)} · <time datetime="${mail.receivedAt.toISOString()}">${mail.receivedAt.toLocaleTimeString("en-GB")}</time></p>
<pre>${linkify(mail.text)}</pre>
</article>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Inbox (${messages.length}) · mail catcher</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}article{border-top:1px solid #ccc;padding:.5rem 0}h2{font-size:1.1rem;margin:.5rem 0 0}.meta{color:#555;margin:0}pre{white-space:pre-wrap;font:inherit}</style>
</head><body><h1>Inbox</h1>
<p>Every email the app sent since <code>npm run dev</code> started, newest first. Reload to see new ones.</p>
${items.length > 0 ? items.join("\n") : "<p>No email yet.</p>"}
</body></html>`;
}

function listen(server: Server | SMTPServer, port: number, host: string): Promise<number> {
  const net = server instanceof SMTPServer ? server.server : server;
  const variable = server instanceof SMTPServer ? "MAIL_CATCHER_SMTP_PORT" : "MAIL_CATCHER_HTTP_PORT";
  return new Promise((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new Error(`Port ${port} is in use: is another \`npm run dev\` running? Stop it or set ${variable}.`)
          : error,
      );
    // SMTPServer re-emits its socket server's errors as its own.
    const events: EventEmitter = server;
    events.once("error", fail);
    server.listen(port, host, () => {
      events.off("error", fail);
      resolve((net.address() as AddressInfo).port);
    });
  });
}

export async function startMailCatcher({
  host = "127.0.0.1",
  smtpPort = 0,
  httpPort = 0,
  maxMessages = 100,
}: MailCatcherOptions = {}): Promise<MailCatcher> {
  const messages: CaughtMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    // Plain SMTP on the loopback interface: nodemailer would otherwise try STARTTLS with a
    // certificate it cannot trust.
    disabledCommands: ["STARTTLS"],
    logger: false,
    size: 5 * 1024 * 1024,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.unshift({
            receivedAt: new Date(),
            from: addresses(mail.from).join(", "),
            to: addresses(mail.to),
            subject: mail.subject ?? "",
            text: mail.text ?? "",
          });
          messages.length = Math.min(messages.length, maxMessages);
          callback();
        })
        .catch(callback);
    },
  });
  const http = createServer((req, res) => {
    if (req.method !== "GET" || new URL(req.url ?? "/", "http://localhost").pathname !== "/") {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("Not found: the inbox is at /\n");
      return;
    }
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
    res.end(renderInbox(messages));
  });

  const boundSmtp = await listen(smtp, smtpPort, host);
  // A client that drops its connection concerns that client only; it must not end the catcher.
  smtp.on("error", () => {});
  const boundHttp = await listen(http, httpPort, host).catch(async (error: unknown) => {
    await new Promise<void>((resolve) => smtp.close(resolve));
    throw error;
  });
  return {
    smtpUrl: `smtp://${host}:${boundSmtp}`,
    inboxUrl: `http://${host}:${boundHttp}/`,
    messages,
    async stop() {
      http.closeAllConnections();
      await Promise.all([
        new Promise<void>((resolve) => http.close(() => resolve())),
        new Promise<void>((resolve) => smtp.close(resolve)),
      ]);
    },
  };
}
