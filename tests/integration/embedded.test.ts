import { describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "../../scripts/db/embedded";

describe("startEmbeddedPostgres", () => {
  it("says which port is taken and how to fix it", async () => {
    const first = await startEmbeddedPostgres();
    try {
      await expect(startEmbeddedPostgres({ port: first.port })).rejects.toThrow(
        new RegExp(`Port ${first.port} is in use.*EMBEDDED_DB_PORT`),
      );
    } finally {
      await first.stop();
    }
  }, 60_000);
});
