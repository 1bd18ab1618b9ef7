import { spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { logger } from "../../src/lib/logger";
import { startEmbeddedPostgres } from "../db/embedded";
import { applyMigrations } from "../db/schema-engine";
import { seedIfEmpty } from "../../prisma/seed";
import { auditedUrls, LIGHTHOUSERC, ROOT } from "./pages";
import { ensureFreshBuild, freePort, startProductionServer } from "./server";
import { formatFigures, loadSavedRuns, summarise } from "./summary";
import { requestHeaders, warmUp } from "./warm-up";

// `npm run lighthouse`: Lighthouse CI over every page in lighthouserc.json, failing on any budget.
// Without LIGHTHOUSE_BASE_URL it audits a local production build served on a fresh, seeded
// in-memory database (never .data/, so it cannot disturb `npm run dev`); with it, a deployment.

const require = createRequire(import.meta.url);
const LHCI_BIN = require.resolve("@lhci/cli/src/cli.js");
const DEBIAN_CHROMIUM = "/usr/bin/chromium";

// Asynchronous on purpose: the embedded database lives in this process and must keep answering.
function lhci(command: string, args: string[] = []): Promise<number> {
  const child = spawn(process.execPath, [LHCI_BIN, command, `--config=${LIGHTHOUSERC}`, ...args], {
    cwd: ROOT,
    stdio: "inherit",
    env: {
      ...process.env,
      CHROME_PATH: process.env.CHROME_PATH ?? (existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined),
    },
  });
  return new Promise((resolve) => child.on("exit", (code) => resolve(code ?? 1)));
}

async function audit(origin: string, extraArgs: string[], deployed: boolean): Promise<number> {
  const urls = auditedUrls(origin);
  await warmUp(urls);
  rmSync(path.join(ROOT, ".lighthouseci"), { recursive: true, force: true });
  const headers = requestHeaders();
  const collectArgs = [
    ...urls.map((url) => `--url=${url}`),
    ...(Object.keys(headers).length ? [`--collect.settings.extraHeaders=${JSON.stringify(headers)}`] : []),
    // Vercel marks preview deployments `X-Robots-Tag: noindex` on purpose; production pages
    // are held to the crawlable check by the local build.
    ...(deployed ? ["--collect.settings.skipAudits=is-crawlable"] : []),
    ...extraArgs,
  ];
  const collected = await lhci("collect", collectArgs);
  if (collected !== 0) return collected;
  process.stdout.write(
    `\nMedians per page:\n${formatFigures(summarise(loadSavedRuns(path.join(ROOT, ".lighthouseci"))))}\n\n`,
  );
  // Reports are written before the verdict, so a failing run still leaves them to read.
  const uploaded = await lhci("upload");
  const asserted = await lhci("assert");
  return asserted || uploaded;
}

async function auditLocalBuild(extraArgs: string[]): Promise<number> {
  ensureFreshBuild();
  const database = await startEmbeddedPostgres();
  try {
    await applyMigrations(database.url);
    await seedIfEmpty(database.url);
    const port = Number(process.env.LIGHTHOUSE_PORT ?? 0) || (await freePort());
    const server = await startProductionServer(port, database.url);
    try {
      return await audit(server.origin, extraArgs, false);
    } finally {
      await server.stop();
    }
  } finally {
    await database.stop();
  }
}

async function main(): Promise<number> {
  const extraArgs = process.argv.slice(2);
  const baseUrl = process.env.LIGHTHOUSE_BASE_URL;
  if (baseUrl) return audit(baseUrl, extraArgs, true);
  return auditLocalBuild(extraArgs);
}

main().then(
  (code) => {
    if (code !== 0) logger.error({ code }, "Lighthouse CI failed: a page is over its budget or could not be audited");
    process.exit(code);
  },
  (error: unknown) => {
    logger.fatal({ err: error }, "Lighthouse CI could not run");
    process.exit(1);
  },
);
