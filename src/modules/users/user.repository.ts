import type { Prisma } from "@/generated/prisma/client";
import type { Database } from "@/lib/prisma";
import type { UserAccount, UserRole } from "./user.types";

const profileSelect = { id: true, name: true, role: true, createdAt: true } satisfies Prisma.UserSelect;
const createdSelect = { id: true, email: true, name: true, role: true, createdAt: true } satisfies Prisma.UserSelect;
const idOnly = { id: true } satisfies Prisma.UserSelect;
const accountSelect = { id: true, email: true, name: true, role: true } satisfies Prisma.UserSelect;

type ProfileRow = Prisma.UserGetPayload<{ select: typeof profileSelect }>;
type CreatedRow = Prisma.UserGetPayload<{ select: typeof createdSelect }>;
type NewUser = Pick<Prisma.UserCreateInput, "email" | "name"> & { role: UserRole; createdAt?: Date };

export class UserRepository {
  constructor(private readonly db: Database) {}

  async findProfileById(id: number): Promise<(ProfileRow & { postCount: number }) | null> {
    const [user, postCount] = await Promise.all([
      this.db.user.findUnique({ where: { id }, select: profileSelect }),
      this.db.post.count({ where: { userId: id } }),
    ]);
    return user ? { ...user, postCount } : null;
  }

  async exists(id: number): Promise<boolean> {
    const user = await this.db.user.findUnique({ where: { id }, select: idOnly });
    return user !== null;
  }

  /** The subset of `ids` that exist, in one query. */
  async findExistingIds(ids: number[]): Promise<Set<number>> {
    const rows = await this.db.user.findMany({ where: { id: { in: ids } }, select: idOnly });
    return new Set(rows.map((r) => r.id));
  }

  async findByEmail(email: string): Promise<{ id: number } | null> {
    return this.db.user.findUnique({ where: { email }, select: idOnly });
  }

  /** The user with this email after the change, or null when there is none (one statement). */
  async updateRoleByEmail(email: string, role: UserRole): Promise<UserAccount | null> {
    const [user] = await this.db.user.updateManyAndReturn({ where: { email }, data: { role }, select: accountSelect });
    return user ?? null;
  }

  async create(data: NewUser): Promise<CreatedRow> {
    return this.db.user.create({ data, select: createdSelect });
  }
}
