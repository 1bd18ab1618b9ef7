import { execFile, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../../scripts/db/embedded";

const run = promisify(execFile);
const hasPsql = spawnSync("psql", ["--version"]).status === 0;

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

// Any local process can reach the port: only the documented credentials get in.
describe("the embedded server's credentials", () => {
  let embedded: EmbeddedPostgres;
  beforeAll(async () => {
    embedded = await startEmbeddedPostgres();
  }, 60_000);
  afterAll(() => embedded?.stop());

  const withCredentials = (user: string, password: string) => {
    const url = new URL(embedded.url);
    url.username = user;
    url.password = password;
    return url.toString();
  };

  async function query(url: string) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query("SELECT current_user AS who")).rows;
    } finally {
      await client.end();
    }
  }

  it("lets in postgres:postgres, the URL it hands out", async () => {
    await expect(query(embedded.url)).resolves.toEqual([{ who: "postgres" }]);
    await expect(query(withCredentials("postgres", "postgres"))).resolves.toEqual([{ who: "postgres" }]);
  });

  it.each([
    ["a wrong password", "postgres", "guess"],
    ["no password", "postgres", ""],
    ["another user", "admin", "postgres"],
  ])("refuses %s with PostgreSQL's own error", async (_, user, password) => {
    await expect(query(withCredentials(user, password))).rejects.toMatchObject({
      code: "28P01",
      message: `password authentication failed for user "${user}"`,
    });
  });

  it("keeps serving after refusing someone", async () => {
    await expect(query(withCredentials("postgres", "nope"))).rejects.toThrow();
    await expect(query(embedded.url)).resolves.toHaveLength(1);
  });

  it.skipIf(!hasPsql)("answers psql the same way", async () => {
    const psql = (password: string) =>
      run("psql", [withCredentials("postgres", password), "-Atc", "SELECT 40 + 2"], {
        env: { ...process.env, PGCONNECT_TIMEOUT: "10" },
        timeout: 30_000,
      });
    await expect(psql("postgres")).resolves.toMatchObject({ stdout: "42\n" });
    await expect(psql("wrong")).rejects.toMatchObject({
      stderr: expect.stringContaining("password authentication failed"),
    });
  });
});
