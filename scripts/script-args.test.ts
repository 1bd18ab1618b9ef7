import { describe, expect, it } from "vitest";
import { parseBenchArgs, SMOKE } from "../bench/config";
import { parseSeedArgs } from "../prisma/seed";
import { parseFirstLoadJsArgs } from "./lighthouse/first-load-js";
import { parseUpstashRedisProxyArgs } from "./upstash-redis-proxy";
import { parseWithDbArgs } from "./with-db";

// The flags that package.json, .ci/run, the workflows and the docs pass, read as they always were.
describe("the flags the project's own commands pass", () => {
  it("with-db: --as-is, --dev or --production, then the command and its own flags untouched", () => {
    expect(parseWithDbArgs(["--as-is", "tsx", "scripts/db/rollback.ts", "--steps", "2"])).toEqual({
      asIs: true,
      mode: "command",
      command: ["tsx", "scripts/db/rollback.ts", "--steps", "2"],
    });
    expect(parseWithDbArgs(["--dev", "next", "dev"])).toEqual({ asIs: false, mode: "dev", command: ["next", "dev"] });
    expect(parseWithDbArgs(["--production", "next", "start"])).toEqual({
      asIs: false,
      mode: "production",
      command: ["next", "start"],
    });
    expect(() => parseWithDbArgs(["--as-is"])).toThrow("a command to run is required");
    expect(() => parseWithDbArgs(["--dev", "--production", "next"])).toThrow(
      "--dev and --production exclude each other",
    );
  });

  it("bench: --smoke --no-build", () => {
    expect(parseBenchArgs(["--smoke", "--no-build"])).toMatchObject({
      profile: SMOKE,
      rebuild: false,
      outDir: undefined,
    });
    expect(parseBenchArgs(["--out", "tmp/x"])).toMatchObject({ outDir: "tmp/x", updateDocs: false });
  });

  it("first-load-js: --max-kb=130 is a budget in bytes", () => {
    expect(parseFirstLoadJsArgs(["--max-kb=130"])).toEqual({ budget: 130_000 });
    expect(parseFirstLoadJsArgs(["--max-kb", "12.5"])).toEqual({ budget: 12_500 });
    expect(parseFirstLoadJsArgs([])).toEqual({ budget: undefined });
    expect(() => parseFirstLoadJsArgs(["--max-kb=lots"])).toThrow('--max-kb must be a number of kB (got "lots")');
  });

  it("seed: --reset and the sizes, with either syntax", () => {
    expect(parseSeedArgs(["--reset", "--users", "500", "--posts=100000", "--comments=300000"])).toEqual({
      reset: true,
      options: { users: 500, posts: 100_000, comments: 300_000 },
    });
    expect(() => parseSeedArgs(["--posts=many"])).toThrow('--posts must be a whole number of at least 0 (got "many")');
    expect(() => parseSeedArgs(["--reset=yes"])).toThrow("--reset takes no value");
  });

  it("dev:redis: the port and token from flags, else from the environment", () => {
    expect(parseUpstashRedisProxyArgs(["--port", "0", "--token=t", "--redis-url", "redis://r:6379"])).toEqual({
      port: 0,
      token: "t",
      redisUrl: "redis://r:6379",
    });
    expect(() => parseUpstashRedisProxyArgs(["--port", "70000"])).toThrow(
      "--port must be a whole number from 0 to 65535",
    );
  });
});
