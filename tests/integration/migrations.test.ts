import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { applyMigrations, draftMigration, SCHEMA_PATH } from "../../scripts/db/schema-engine";
import { setupTestDatabase } from "#tests/test-database";

const t = setupTestDatabase();

describe("migrations", () => {
  it("are recorded in _prisma_migrations and applying them again changes nothing", async () => {
    const rows = await t.db.$queryRawUnsafe<{ migration_name: string; finished_at: Date | null }[]>(
      "SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name",
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
    await expect(applyMigrations(t.url)).resolves.toEqual([]);
  });

  it("create the article's indexes (A2.3)", async () => {
    const indexes = await t.db.$queryRawUnsafe<{ indexname: string; indexdef: string }[]>(
      "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'",
    );
    const byName = new Map(indexes.map((i) => [i.indexname, i.indexdef]));
    expect(byName.get("idx_posts_user_id")).toMatch(/ON public\.posts .*\(user_id\)/);
    expect(byName.get("idx_comments_post_id")).toMatch(/ON public\.comments .*\(post_id\)/);
    expect(byName.get("idx_users_email")).toMatch(/UNIQUE INDEX .* ON public\.users .*\(email\)/);
    expect(byName.get("idx_posts_created_at")).toMatch(/\(created_at DESC, id DESC\)/);
    expect(byName.get("idx_posts_title_trgm")).toMatch(/USING gin \(title gin_trgm_ops\)/);
  });

  it("use snake_case names, so the article's SQL runs as written", async () => {
    await expect(t.db.$queryRawUnsafe("SELECT * FROM posts WHERE user_id = 123")).resolves.toEqual([]);
  });
});

describe("drafting a migration", () => {
  it("writes the SQL both ways for a schema change, and nothing when the schema is unchanged", async () => {
    const schema = await readFile(SCHEMA_PATH, "utf8");
    const withBio = schema.replace(/(\n\s+name\s+String\n)/, "$1  bio String?\n");
    expect(withBio).not.toBe(schema);
    const draft = await draftMigration(t.url, schema, withBio);
    expect(draft?.up).toMatch(/ALTER TABLE "users" ADD COLUMN\s+"bio" TEXT;/);
    expect(draft?.down).toMatch(/ALTER TABLE "users" DROP COLUMN "bio";/);
    await expect(draftMigration(t.url, schema, schema)).resolves.toBeNull();
  });
});
