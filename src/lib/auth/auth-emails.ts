import { getMailer, type Mailer } from "@/lib/mailer";

// The three emails of the account flows. Each link lands on a page that asks for a click
// before the token is used: mail scanners open links, and must not spend them.

export interface AuthEmails {
  verifyEmail(to: string, url: string): Promise<void>;
  passwordReset(to: string, url: string): Promise<void>;
  magicLink(to: string, url: string): Promise<void>;
}

export function authEmails(mailer: () => Mailer = getMailer): AuthEmails {
  const send = (to: string, subject: string, lead: string, url: string) =>
    mailer().send({
      to,
      subject,
      text: `${lead}\n\n${url}\n\nIf you did not ask for this, ignore this email.`,
      html: `<p>${lead}</p><p><a href="${encodeURI(url)}">${subject}</a></p><p>If you did not ask for this, ignore this email.</p>`,
    });
  return {
    verifyEmail: (to, url) => send(to, "Confirm your email", "Confirm your email address to start writing:", url),
    passwordReset: (to, url) =>
      send(to, "Reset your password", "Choose a new password (the link works once, for an hour):", url),
    magicLink: (to, url) =>
      send(to, "Sign in to Scale Starter", "Sign in with this link (it works once, for 15 minutes):", url),
  };
}
