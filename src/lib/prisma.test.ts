import { afterEach, describe, expect, it } from "vitest";
import { getDatabase, setDatabase } from "./prisma";

describe("getDatabase", () => {
  const saved = process.env.DATABASE_URL;
  afterEach(() => {
    process.env.DATABASE_URL = saved;
    setDatabase(undefined);
  });

  it("explains how to start when no database is configured", () => {
    delete process.env.DATABASE_URL;
    setDatabase(undefined);
    expect(() => getDatabase()).toThrow(expect.objectContaining({ code: "UNAVAILABLE", status: 503 }));
  });

  it("creates one client per process and reuses it", () => {
    process.env.DATABASE_URL = "postgresql://postgres@127.0.0.1:1/none";
    setDatabase(undefined);
    expect(getDatabase()).toBe(getDatabase());
  });
});
