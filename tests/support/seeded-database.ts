import { createDatabase } from "@/lib/prisma";
import { seed, type SeedOptions } from "../../prisma/seed";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../../scripts/db/embedded";
import { applyMigrations } from "../../scripts/db/schema-engine";

/** An embedded PostgreSQL, migrated and seeded with the demo data, for a production build to serve. */
export async function startSeededDatabase(
  options: SeedOptions = { users: 3, posts: 30, comments: 40 },
): Promise<EmbeddedPostgres> {
  const database = await startEmbeddedPostgres({ port: 0 });
  try {
    await applyMigrations(database.url);
    const db = createDatabase({ url: database.url, poolMax: 2 });
    try {
      await seed(db, options);
    } finally {
      await db.$disconnect();
    }
    return database;
  } catch (error) {
    await database.stop();
    throw error;
  }
}
