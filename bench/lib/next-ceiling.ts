import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { runToCompletion, startProcess, waitForHttp } from "./processes";

// Next.js's own ceiling (bench/next-ceiling): a bare Next app built in the same run, with the
// bytes the app answered, so that each app figure can be read as a share of what Next itself
// serves on this machine. It has the app's paths (/api/posts and /), and is sent the same URLs
// as the app, query included: Next parses a query for any route, and that work is its own, not
// the app's. docs/decisions/0110-next-ceiling-in-the-benchmark.md

const ROOT = path.resolve(import.meta.dirname, "../..");
const NEXT_BIN = path.join(ROOT, "node_modules/.bin/next");
const APP_DIR = path.join(ROOT, "bench/next-ceiling");

export interface NextCeilingData {
  api: { contentType: string; body: string };
  feedPageProps: Record<string, unknown>;
}

/** Builds the ceiling app with `data` (its page is rendered at build) and starts it on `port` (and `cores`). */
export async function startNextCeiling(data: NextCeilingData, port: number, cores?: string) {
  const dir = await mkdtemp(path.join(tmpdir(), "scale-bench-next-"));
  const file = path.join(dir, "ceiling.json");
  await writeFile(file, JSON.stringify(data));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    BENCH_CEILING_DATA: file,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
  };
  try {
    await runToCompletion(NEXT_BIN, ["build", "--webpack", APP_DIR], env);
    const server = startProcess(NEXT_BIN, ["start", APP_DIR, "-p", String(port), "-H", "127.0.0.1"], env, cores);
    await waitForHttp(`http://127.0.0.1:${port}/api/posts`, server).catch(async (error: unknown) => {
      await server.stop();
      throw error;
    });
    return {
      url: `http://127.0.0.1:${port}`,
      processGroup: server.child.pid,
      async stop() {
        await server.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
