import { describe, expect, it } from "vitest";
import { clientSchema, envSchema } from "./env";
import { publicEnv } from "./public-env";

describe("the variables that reach the browser", () => {
  it("are exactly the client schema's, all named NEXT_PUBLIC_*", () => {
    expect(Object.keys(publicEnv).sort()).toEqual(Object.keys(clientSchema.shape).sort());
    expect(Object.keys(clientSchema.shape).every((name) => name.startsWith("NEXT_PUBLIC_"))).toBe(true);
  });

  it("read with the same defaults as the server validates them", () => {
    expect(publicEnv.NEXT_PUBLIC_SENTRY_TRACES_SAMPLE_RATE).toBe(
      clientSchema.parse({}).NEXT_PUBLIC_SENTRY_TRACES_SAMPLE_RATE,
    );
  });

  it("no server variable is named NEXT_PUBLIC_* outside the client schema", () => {
    const serverOnly = Object.keys(envSchema.parse({})).filter((name) => !(name in clientSchema.shape));
    expect(serverOnly.filter((name) => name.startsWith("NEXT_PUBLIC_"))).toEqual([]);
  });
});
