import { poolCounts, type Database, type PoolCounts } from "@/lib/prisma";
import { readSlowQueries, type SlowQueryReport } from "./slow-queries";

/** What the console reads of the database itself: its connection pool and its statistics. */
export class AdminRepository {
  constructor(private readonly db: Database) {}

  connectionPool(): PoolCounts | null {
    return poolCounts(this.db);
  }

  /** The same reading as `npm run db:slow-queries`, over the app's own connections. */
  findSlowQueries(limit: number): Promise<SlowQueryReport> {
    return readSlowQueries(
      { query: async (sql, params = []) => ({ rows: await this.db.$queryRawUnsafe<unknown[]>(sql, ...params) }) },
      limit,
    );
  }
}
