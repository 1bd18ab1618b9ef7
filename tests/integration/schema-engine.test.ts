import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { draftMigration, SCHEMA_PATH } from "../../scripts/db/schema-engine";
import { setupTestDatabase } from "#tests/test-database";

const t = setupTestDatabase();

describe("draftMigration", () => {
  it("drafts the SQL for a schema change and its reverse without reading the database", async () => {
    const schema = await readFile(SCHEMA_PATH, "utf8");
    const changed = schema.replace(/(\n {2}name +String\n)/, "$1  bio       String?\n");
    expect(changed).not.toBe(schema);
    const draft = await draftMigration(t.url, schema, changed);
    expect(draft?.up).toMatch(/ALTER TABLE "users" ADD COLUMN\s+"bio" TEXT/);
    expect(draft?.down).toMatch(/ALTER TABLE "users" DROP COLUMN "bio"/);
  });

  it("returns null when the schemas are the same", async () => {
    const schema = await readFile(SCHEMA_PATH, "utf8");
    await expect(draftMigration(t.url, schema, schema)).resolves.toBeNull();
  });
});
