import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { diffSchemas, SCHEMA_PATH } from "../../scripts/db/schema-engine";
import { setupTestDatabase } from "../support/test-database";

const t = setupTestDatabase();

describe("diffSchemas", () => {
  it("writes the SQL for a schema change without reading the database", async () => {
    const schema = await readFile(SCHEMA_PATH, "utf8");
    const changed = schema.replace("  name      String\n", "  name      String\n  bio       String?\n");
    expect(changed).not.toBe(schema);
    const sql = await diffSchemas(t.url, schema, changed);
    expect(sql).toContain('ALTER TABLE "users" ADD COLUMN     "bio" TEXT');
  });

  it("returns nothing when the schemas are the same", async () => {
    const schema = await readFile(SCHEMA_PATH, "utf8");
    await expect(diffSchemas(t.url, schema, schema)).resolves.toBe("");
  });
});
