import { hashPassword } from "better-auth/crypto";
import type { Database } from "../src/lib/prisma";

// The seed's users: their names, and the demo accounts among them (ADR 0100).

const FIRST = ["Camille", "Léa", "Hugo", "Chloé", "Lucas", "Manon", "Nathan", "Inès", "Louis", "Jade"];
const LAST = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau"];

/** The i-th seeded user (from 0): the same on every machine. */
export function seedUser(i: number): { email: string; name: string } {
  const first = FIRST[i % FIRST.length] as string;
  const last = LAST[Math.floor(i / FIRST.length) % LAST.length] as string;
  const handle = `${first}.${last}.${i + 1}`
    .normalize("NFD")
    .replace(/[^\w.]/g, "")
    .toLowerCase();
  return { email: `${handle}@example.com`, name: `${first} ${last}` };
}

export const DEMO_MEMBER_COUNT = 3;

/** Accounts a newcomer can sign in with at once: seeded users with a known password, and an admin. */
export const DEMO_ACCOUNTS = {
  members: Array.from({ length: DEMO_MEMBER_COUNT }, (_, i) => seedUser(i).email),
  memberPassword: "demo-password",
  admin: { email: "admin@example.com", name: "Admin", password: "admin-password" },
} as const;

/**
 * Known passwords only on a database of this machine: a seed run against a shared or hosted
 * database (a preview, production) creates the same users with no way to sign in as them.
 */
export function allowsDemoPasswords(url: string): boolean {
  return ["127.0.0.1", "localhost", "[::1]"].includes(new URL(url).hostname);
}

// better-auth's own scrypt and row shape: a "credential" account whose account id is the user id.
export async function giveDemoPasswords(db: Database, members: number[], adminId: number): Promise<void> {
  // scrypt is slow on purpose: one hash for every member, one for the admin.
  const [memberHash, adminHash] = await Promise.all([
    hashPassword(DEMO_ACCOUNTS.memberPassword),
    hashPassword(DEMO_ACCOUNTS.admin.password),
  ]);
  const credential = (userId: number, password: string) => ({
    userId,
    accountId: String(userId),
    providerId: "credential",
    password,
  });
  await db.account.createMany({
    data: [...members.map((id) => credential(id, memberHash)), credential(adminId, adminHash)],
  });
  await db.user.updateMany({ where: { id: { in: [...members, adminId] } }, data: { emailVerified: true } });
}
