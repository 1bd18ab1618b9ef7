import type { Database } from "@/lib/prisma";
import type { CreatedUser, UserProfile, UserRole } from "./users.types";

export class UserRepository {
  constructor(private readonly db: Database) {}

  async findProfileById(id: number): Promise<UserProfile | null> {
    const [user, postCount] = await Promise.all([
      this.db.user.findUnique({ where: { id }, select: { id: true, name: true, role: true, createdAt: true } }),
      this.db.post.count({ where: { userId: id } }),
    ]);
    return user ? { ...user, postCount } : null;
  }

  async exists(id: number): Promise<boolean> {
    const user = await this.db.user.findUnique({ where: { id }, select: { id: true } });
    return user !== null;
  }

  /** The subset of `ids` that exist, in one query. */
  async findExistingIds(ids: number[]): Promise<Set<number>> {
    const rows = await this.db.user.findMany({ where: { id: { in: ids } }, select: { id: true } });
    return new Set(rows.map((r) => r.id));
  }

  async findByEmail(email: string): Promise<{ id: number } | null> {
    return this.db.user.findUnique({ where: { email }, select: { id: true } });
  }

  async create(data: { email: string; name: string; role: UserRole; createdAt?: Date }): Promise<CreatedUser> {
    return this.db.user.create({
      data,
      select: { id: true, email: true, name: true, role: true, createdAt: true },
    });
  }
}
