import nodemailer, { type Transporter } from "nodemailer";
import * as Sentry from "@sentry/nextjs";
import { env, type Env } from "./env";
import { logger } from "./logger";
import { processSingleton } from "./process-singleton";

// Email through SMTP (SMTP_URL): Resend's SMTP endpoint in production, the mail catcher that
// `npm run dev` starts locally, a real in-process SMTP server in tests (ADR 0092).

interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  /** Resolves once the SMTP server accepted the message; rejects otherwise. */
  send(message: MailMessage): Promise<void>;
}

export function createMailer(config: Pick<Env, "SMTP_URL" | "EMAIL_FROM" | "NODE_ENV"> = env): Mailer {
  if (!config.SMTP_URL) {
    if (config.NODE_ENV === "production") {
      logger.warn("SMTP_URL is not set: no email can be sent (verification, password reset, magic links)");
    }
    return {
      async send(message) {
        const error = new Error(`cannot send "${message.subject}": SMTP_URL is not set`);
        logger.error({ err: error, subject: message.subject }, "email not sent");
        Sentry.captureException(error);
        throw error;
      },
    };
  }
  const transport: Transporter = nodemailer.createTransport(config.SMTP_URL);
  return {
    async send(message) {
      try {
        await transport.sendMail({ from: config.EMAIL_FROM, ...message });
      } catch (error) {
        logger.error({ err: error, subject: message.subject }, "email not sent");
        Sentry.captureException(error);
        throw error;
      }
    },
  };
}

const processMailer = processSingleton<Mailer>("mailer", () => createMailer());

export function getMailer(): Mailer {
  return processMailer.get();
}

/** Tests and scripts that bring their own SMTP server. */
export function setMailer(mailer: Mailer | undefined): void {
  processMailer.set(mailer);
}
