import { createHash } from "node:crypto";
import type pg from "pg";

// A released migration is only ever edited to fix a defect that stays harmless for databases
// that applied the old text (docs/decisions/0073-concurrent-index-builds.md). `migrate deploy`
// ignores checksums; `prisma migrate dev` and `status` would report such a migration as
// modified, so the runner records the new checksum where the old one is found, and only there.

/** Migration name → the checksums (sha256 of migration.sql) of its earlier, released texts. */
export const EDITED_MIGRATIONS: Readonly<Record<string, readonly string[]>> = {
  // Built its index under `lock_timeout = '3s'` (a build that failed left an INVALID index).
  "20261124040000_idx_posts_user_id_created_at": ["4f7339ba89bb2c708ea88aa11676a7d4e50d88792c6b97d05b860e291d5764c4"],
};

export function migrationChecksum(content: string): string {
  return createHash("sha256").update(content).digest("hex");
}

/** Records the current checksum of each edited migration applied under a known earlier text. */
export async function updateEditedChecksums(
  client: Pick<pg.ClientBase, "query">,
  migrations: { name: string; content: string }[],
  edited = EDITED_MIGRATIONS,
): Promise<string[]> {
  const updated: string[] = [];
  for (const { name, content } of migrations) {
    const earlier = edited[name];
    if (!earlier) continue;
    const { rowCount } = await client.query(
      "UPDATE _prisma_migrations SET checksum = $1 WHERE migration_name = $2 AND checksum = ANY($3::text[])",
      [migrationChecksum(content), name, earlier],
    );
    if (rowCount) updated.push(name);
  }
  return updated;
}
