import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("parseEnv", () => {
  it("needs nothing for local use", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ NODE_ENV: "development", LOG_LEVEL: "info" });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("treats an empty variable as unset", () => {
    expect(parseEnv({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });

  it("names each bad variable", () => {
    expect(() => parseEnv({ DATABASE_URL: "not a url", DATABASE_POOL_MAX: "zero" })).toThrow(
      /DATABASE_URL[\s\S]*DATABASE_POOL_MAX|DATABASE_POOL_MAX[\s\S]*DATABASE_URL/,
    );
  });
});
