import { spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { logger } from "../../src/lib/logger";
import { startEmbeddedPostgres } from "../db/embedded";
import { applyMigrations } from "../db/schema-engine";
import { seedIfEmpty } from "../../prisma/seed";
import { configFor, ROOT } from "./pages";
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
function lhci(command: string, config: string, args: string[] = []): Promise<number> {
  const child = spawn(process.execPath, [LHCI_BIN, command, `--config=${config}`, ...args], {
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
  const headers = requestHeaders();
  const config = configFor(origin, {
    ...(Object.keys(headers).length ? { extraHeaders: headers } : {}),
    // Vercel marks preview deployments `X-Robots-Tag: noindex` on purpose; production pages
    // are held to the crawlable check by the local build.
    ...(deployed ? { skipAudits: ["is-crawlable"] } : {}),
  });
  await warmUp(config.ci.collect.url, headers);
  const outputDir = path.join(ROOT, ".lighthouseci");
  rmSync(outputDir, { recursive: true, force: true });
  mkdirSync(outputDir);
  const configPath = path.join(outputDir, "lighthouserc.effective.json");
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  // lhci collect only clears its own lhr-* files, so the config can sit beside them.
  const collected = await lhci("collect", configPath, extraArgs);
  if (collected !== 0) return collected;
  process.stdout.write(`\nMedians per page:\n${formatFigures(summarise(loadSavedRuns(outputDir)))}\n\n`);
  // Reports are written before the verdict, so a failing run still leaves them to read.
  const uploaded = await lhci("upload", configPath);
  const asserted = await lhci("assert", configPath);
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
