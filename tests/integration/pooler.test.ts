import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDatabase, type Database } from "@/lib/prisma";
import { createServices } from "@/server/services";
import { findPgBouncer, startPgBouncer, type PgBouncer } from "#tests/pgbouncer";
import { createTestCache } from "#tests/cache";
import { setupTestDatabase } from "#tests/test-database";

const t = setupTestDatabase();
const pgbouncer = findPgBouncer();
const embedded = inject("testDatabase").kind === "embedded";

// The README's production setup: the app on the pooler's URL in transaction mode, which
// refuses start-up parameters it does not know (such as statement_timeout).
describe.skipIf(!pgbouncer.binary)(`the app through PgBouncer in transaction mode ${pgbouncer.skipReason}`, () => {
  let bouncer: PgBouncer;
  const clients: Database[] = [];
  const connect = (statementTimeoutMs?: number) => {
    const db = createDatabase({ url: bouncer.url, poolMax: 2, statementTimeoutMs });
    clients.push(db);
    return db;
  };

  beforeAll(async () => {
    bouncer = await startPgBouncer(pgbouncer.binary as string, t.url);
  });
  afterAll(async () => {
    await Promise.all(clients.map((db) => db.$disconnect()));
    await bouncer?.stop();
  });

  it("serves the app's reads and writes on the pooled URL", async () => {
    const services = createServices(connect(), createTestCache());
    const user = await services.users.createUser({ email: "pooled@example.com", name: "Pooled" });
    await services.posts.importPost({ userId: user.id, title: "Through the pooler", body: "Transaction mode." });
    const page = await services.posts.getFeedPage({});
    expect(page.items.map((post) => post.title)).toContain("Through the pooler");
  });

  it("gives every session the statement timeout, through the pooler", async () => {
    const db = connect(200);
    await expect(db.$queryRawUnsafe("SHOW statement_timeout")).resolves.toEqual([{ statement_timeout: "200ms" }]);
  });

  // PGlite runs in WebAssembly without timer interrupts: it never cancels a running statement.
  it.skipIf(embedded)("ends a statement that runs past DATABASE_STATEMENT_TIMEOUT_MS", async () => {
    const db = connect(200);
    await expect(db.$queryRawUnsafe("SELECT pg_sleep(5)")).rejects.toThrow(/57014|statement timeout/);
  });
});
