import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CANARIES, SERVER_ONLY_VARIABLES, scanBundle, secretValues } from "./check-bundle-secrets";

let dir = "";
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A synthetic .next directory with the given files. */
async function buildOutput(files: Record<string, string>): Promise<string> {
  dir = await mkdtemp(path.join(tmpdir(), "bundle-scan-"));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  return dir;
}

describe("scanBundle", () => {
  it("passes a bundle that only knows public variables", async () => {
    const nextDir = await buildOutput({
      "static/chunks/main.js": 'const dsn=process.env.NEXT_PUBLIC_SENTRY_DSN;if("production"===process.env.NODE_ENV){}',
      "server/pages/index.html": "<html>hello</html>",
      // Server code may name anything: the browser never downloads it.
      "server/pages/api/posts.js": "process.env.DATABASE_URL",
      "server/pages/index.js.nft.json": '{"files":["DATABASE_URL"]}',
    });
    await expect(scanBundle(nextDir)).resolves.toEqual({ files: 2, findings: [] });
  });

  it("finds a server-only name and a secret value, in chunks and prerendered pages", async () => {
    const nextDir = await buildOutput({
      "static/chunks/pages/search.js": "fetch(process.env.UPSTASH_REDIS_REST_URL)",
      "static/chunks/leak.js": `const t="${CANARIES.VERCEL_TOKEN}"`,
      "server/pages/posts/1.json": '{"pageProps":{"url":"postgresql://app:s3cret-pass@db:5432/app"}}',
    });
    const { findings } = await scanBundle(nextDir, {
      values: { ...CANARIES, DATABASE_URL: "postgresql://app:s3cret-pass@db:5432/app" },
    });
    expect(findings).toEqual(
      expect.arrayContaining([
        { file: "static/chunks/pages/search.js", variable: "UPSTASH_REDIS_REST_URL", found: "name" },
        { file: "static/chunks/leak.js", variable: "VERCEL_TOKEN", found: "value" },
        { file: "server/pages/posts/1.json", variable: "DATABASE_URL", found: "value" },
      ]),
    );
    expect(findings).toHaveLength(3);
  });
});

describe("what is looked for", () => {
  it("every server variable and deploy secret, never a NEXT_PUBLIC_ one", () => {
    expect(SERVER_ONLY_VARIABLES).toEqual(
      expect.arrayContaining([
        "DATABASE_URL",
        "UPSTASH_REDIS_REST_TOKEN",
        "SENTRY_DSN",
        "VERCEL_TOKEN",
        "DIRECT_DATABASE_URL",
      ]),
    );
    expect(SERVER_ONLY_VARIABLES.some((name) => name.startsWith("NEXT_PUBLIC_") || name === "NODE_ENV")).toBe(false);
  });

  it("the environment's secret values and the canaries, but not what a NEXT_PUBLIC_ variable holds", () => {
    const values = secretValues({
      DATABASE_URL: "postgresql://app:pw@db/app",
      SENTRY_DSN: "https://key@o1.ingest.sentry.io/2",
      NEXT_PUBLIC_SENTRY_DSN: "https://key@o1.ingest.sentry.io/2",
      LOG_LEVEL: "info",
      UPSTASH_REDIS_REST_TOKEN: "short",
    });
    expect(values).toEqual({ ...CANARIES, DATABASE_URL: "postgresql://app:pw@db/app" });
  });
});
