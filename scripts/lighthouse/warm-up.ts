import { logger } from "../../src/lib/logger";

const WARM_UP_ROUNDS = 3;

/** Headers every request to the audited site carries. */
export function requestHeaders(env: Record<string, string | undefined> = process.env): Record<string, string> {
  // Vercel's deployment protection lets automation through with this header.
  const bypass = env.VERCEL_AUTOMATION_BYPASS_SECRET;
  return bypass ? { "x-vercel-protection-bypass": bypass } : {};
}

/**
 * A cold server compiles routes and fills caches on its first hits: keep that out of the runs.
 * Also refuses to audit a page that does not answer 200 (an error page would measure nothing).
 */
export async function warmUp(urls: string[], headers = requestHeaders(), rounds = WARM_UP_ROUNDS): Promise<void> {
  for (const url of urls) {
    for (let round = 0; round < rounds; round++) {
      const response = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${url} answered ${response.status}; audits need a 200 page`);
    }
  }
  logger.info({ urls: urls.length, rounds }, "warmed up");
}
