import type { Database } from "@/lib/prisma";

export class HealthRepository {
  constructor(private readonly db: Database) {}

  /** `SELECT 1`: proves a connection can be made and a statement run. */
  async ping(): Promise<void> {
    await this.db.$queryRaw`SELECT 1`;
  }
}
