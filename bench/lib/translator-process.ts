import path from "node:path";
import { createUpstashStore } from "../../src/lib/redis";
import { freePort } from "./ports";
import { startProcess } from "./processes";

const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * The Upstash REST translator (`npm run dev:redis`) in its own process, as Upstash is its own
 * service in production: under load it then competes with the app, not with the load generator.
 * Ready when @upstash/redis gets a PONG through it.
 */
export async function startTranslatorProcess(options: {
  redisUrl: string;
  token: string;
  port: number;
  cores?: string;
}) {
  const port = options.port || (await freePort());
  const translator = startProcess(
    path.join(ROOT, "node_modules/.bin/tsx"),
    [path.join(ROOT, "scripts/upstash-redis-proxy.ts")],
    {
      ...process.env,
      REDIS_URL: options.redisUrl,
      UPSTASH_PROXY_TOKEN: options.token,
      UPSTASH_PROXY_PORT: String(port),
      LOG_LEVEL: "warn",
    },
    options.cores,
  );
  const url = `http://127.0.0.1:${port}`;
  const store = createUpstashStore({ url, token: options.token, timeoutMs: 1_000 });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (
      await store.ping().then(
        () => true,
        () => false,
      )
    )
      return { url, stop: () => translator.stop() };
    if (translator.child.exitCode !== null || Date.now() > deadline) {
      await translator.stop();
      throw new Error(`the Upstash REST translator did not start:\n${translator.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
