import { afterEach, describe, expect, it } from "vitest";
import { getDatabase, setDatabase } from "./prisma";

describe("getDatabase", () => {
  afterEach(() => {
    setDatabase(undefined);
  });

  it("explains how to start when no database is configured, in the log message only", () => {
    setDatabase(undefined);
    const thrown = (() => {
      try {
        getDatabase({ DATABASE_URL: undefined });
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toEqual(expect.objectContaining({ code: "UNAVAILABLE", status: 503 }));
    expect(thrown).toMatchObject({ message: expect.stringContaining("DATABASE_URL is not set") });
    expect(JSON.stringify((thrown as { toBody(): unknown }).toBody())).not.toContain("DATABASE_URL");
  });

  it("creates one client per process and reuses it", () => {
    setDatabase(undefined);
    const config = { DATABASE_URL: "postgresql://postgres@127.0.0.1:1/none" };
    expect(getDatabase(config)).toBe(getDatabase(config));
  });
});
