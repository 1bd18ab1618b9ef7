import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import path from "node:path";

// Runs the production build (`next start` on .next/) as a child process, the way it runs in
// production, with the environment a test gives it.

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface ProductionServer {
  url: string;
  /** Every line the server wrote to stdout (its JSON logs among them). */
  output: string[];
  stop(): Promise<void>;
}

// A busy test machine can take over a second for a first answer; the tests are about what
// fails, not how fast, so a slow dependency must not pass for a dead one.
const PATIENT_TIMEOUTS = { HEALTH_CHECK_TIMEOUT_MS: "5000", CACHE_TIMEOUT_MS: "5000" };
// Production refuses to serve accounts without a cookie secret (src/lib/auth/auth.ts), and every
// page's header asks for the session: tests get one of their own.
const TEST_AUTH_SECRET = "e2e-only-secret-for-the-production-build-tests";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `env` adds to (or replaces) the server's environment; SMTP_URL is the one for email. */
export async function startProductionServer(env: Record<string, string>): Promise<ProductionServer> {
  if (!existsSync(path.join(ROOT, ".next/BUILD_ID"))) {
    throw new Error("No production build in .next/: run `npm run build` before `npm run test:e2e`.");
  }
  const port = await freePort();
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(SENTRY_|NEXT_PUBLIC_|DATABASE_|TEST_|LOG_|VERCEL)/.test(name)),
  );
  const child: ChildProcess = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env: {
      ...inherited,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      ...PATIENT_TIMEOUTS,
      BETTER_AUTH_SECRET: TEST_AUTH_SECRET,
      // The origin that links in emails point at, and the one better-auth trusts for writes.
      BETTER_AUTH_URL: `http://127.0.0.1:${port}`,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let pending = "";
    const onData = (chunk: Buffer) => {
      pending += chunk.toString("utf8");
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      output.push(...lines);
      if (lines.some((line) => line.includes("Ready in"))) resolve();
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`next start exited with ${code}:\n${output.join("\n")}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    output,
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}
