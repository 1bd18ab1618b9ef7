import { spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { logger } from "../../src/lib/logger";
import { defineCommand, parseCommand, runMain } from "../cli";
import { startEmbeddedPostgres } from "../db/embedded";
import { applyMigrations } from "../db/schema-engine";
import { seedIfEmpty } from "../../prisma/seed";
import { signInAsNewAdmin } from "./admin-session";
import { bestBlockingTime, calibrateCpuSlowdown, describeTrials, startFloor } from "./calibrate";
import { ADMIN_PATHS, configFor, ROOT, WRITER_PATHS } from "./pages";
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

/**
 * Audits the pages of lighthouserc.json as an anonymous visitor and, given an admin's session
 * cookie, the console pages (ADMIN_PATHS) and the write pages (WRITER_PATHS) in a second pass
 * signed in: public pages are measured as most visitors get them, without the account menu a
 * session adds.
 */
async function audit(
  origin: string,
  extraArgs: string[],
  deployed: boolean,
  cpuSlowdownMultiplier: number,
  adminCookie?: string,
): Promise<number> {
  const headers = requestHeaders();
  const configWith = (passHeaders: Record<string, string>) =>
    configFor(origin, {
      throttling: { cpuSlowdownMultiplier },
      ...(Object.keys(passHeaders).length ? { extraHeaders: passHeaders } : {}),
      // Vercel marks preview deployments `X-Robots-Tag: noindex` on purpose; production pages
      // are held to the crawlable check by the local build.
      ...(deployed ? { skipAudits: ["is-crawlable"] } : {}),
    });
  const passes = [{ config: configWith(headers), headers }];
  if (adminCookie) {
    const signedIn = { ...headers, cookie: adminCookie };
    const config = configWith(signedIn);
    config.ci.collect.url = [...ADMIN_PATHS, ...WRITER_PATHS].map((page) => new URL(page, origin).toString());
    passes.push({ config, headers: signedIn });
  }
  const configPath = (pass: number) => path.join(OUTPUT_DIR, `lighthouserc.effective-${pass}.json`);
  for (const [i, pass] of passes.entries()) {
    await warmUp(pass.config.ci.collect.url, pass.headers);
    writeFileSync(configPath(i), JSON.stringify(pass.config, null, 2));
    // lhci collect only clears its own lhr-* files, so the config can sit beside them; the
    // second pass adds to the first's.
    const collected = await lhci("collect", configPath(i), [...extraArgs, ...(i > 0 ? ["--additive"] : [])]);
    if (collected !== 0) return collected;
  }
  process.stdout.write(`\nMedians per page:\n${formatFigures(summarise(loadSavedRuns(OUTPUT_DIR)))}\n\n`);
  // Reports are written before the verdict, so a failing run still leaves them to read. Both
  // read every run collected; the budgets are the same for every page.
  const uploaded = await lhci("upload", configPath(0));
  const asserted = await lhci("assert", configPath(0));
  return asserted || uploaded;
}

const OUTPUT_DIR = path.join(ROOT, ".lighthouseci");

/**
 * The CPU slowdown at which this machine emulates the budgets' phone: the floor page (an empty
 * Next.js page) audited three times at each step (scripts/lighthouse/calibrate.ts).
 */
async function calibrate(): Promise<number> {
  const floor = await startFloor(await freePort());
  try {
    const calibration = await calibrateCpuSlowdown(async (cpuSlowdownMultiplier) => {
      const config = configFor(floor.origin, {
        throttling: { cpuSlowdownMultiplier },
        onlyCategories: ["performance"],
      });
      config.ci.collect.url = [`${floor.origin}/`];
      const file = path.join(OUTPUT_DIR, "lighthouserc.floor.json");
      writeFileSync(file, JSON.stringify(config, null, 2));
      // Without --additive, collect starts from an empty set of runs: these are the floor's only.
      const collected = await lhci("collect", file, ["--numberOfRuns=3"]);
      if (collected !== 0) throw new Error(`auditing the floor page failed (lhci exited with ${collected})`);
      return bestBlockingTime(loadSavedRuns(OUTPUT_DIR));
    });
    logger.info(
      { cpuSlowdownMultiplier: calibration.multiplier, floor: describeTrials(calibration.trials) },
      `CPU slowdown ${calibration.multiplier}x: the empty Next.js page blocks ${describeTrials(calibration.trials)}`,
    );
    return calibration.multiplier;
  } finally {
    await floor.stop();
  }
}

async function auditLocalBuild(extraArgs: string[]): Promise<number> {
  ensureFreshBuild();
  const cpuSlowdownMultiplier = await calibrate();
  const database = await startEmbeddedPostgres();
  try {
    await applyMigrations(database.url);
    await seedIfEmpty(database.url);
    const port = Number(process.env.LIGHTHOUSE_PORT ?? 0) || (await freePort());
    const server = await startProductionServer(port, database.url);
    try {
      const adminCookie = await signInAsNewAdmin(database.url, server.origin);
      return await audit(server.origin, extraArgs, false, cpuSlowdownMultiplier, adminCookie);
    } finally {
      await server.stop();
    }
  } finally {
    await database.stop();
  }
}

export const lighthouseCommand = defineCommand({
  usage: "npm run lighthouse -- [--collect.OPTION=VALUE …]",
  description:
    "Lighthouse CI over every page against its budgets, on a fresh local build or on LIGHTHOUSE_BASE_URL.\n" +
    "Flags under --collect. go to `lhci collect` as they are (e.g. --collect.numberOfRuns=1).",
  flags: {},
  forwards: /^collect\./,
});

async function main(collectArgs: string[]): Promise<number> {
  rmSync(OUTPUT_DIR, { recursive: true, force: true });
  mkdirSync(OUTPUT_DIR);
  const baseUrl = process.env.LIGHTHOUSE_BASE_URL;
  if (baseUrl) return audit(baseUrl, collectArgs, true, await calibrate());
  return auditLocalBuild(collectArgs);
}

runMain(import.meta.url, {
  spec: lighthouseCommand,
  options: (argv) => parseCommand(lighthouseCommand, argv).forwarded,
  main: async (collectArgs) => {
    const code = await main(collectArgs);
    if (code !== 0) logger.error({ code }, "Lighthouse CI failed: a page is over its budget or could not be audited");
    return code;
  },
  onError: (error) => {
    logger.fatal({ err: error }, "Lighthouse CI could not run");
    process.exit(1);
  },
});
