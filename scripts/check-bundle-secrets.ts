import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { envSchema } from "../src/lib/env";
import { logger } from "../src/lib/logger";

// `npm run check:bundle-secrets` after `next build`: what the browser downloads (the client
// bundle in .next/static, and the HTML and data of pages prerendered at build) must name no
// server-only variable and contain no secret value. Values come from this process's
// environment (run it with the build's) and from the canaries below, which CI exports to the
// build: `eval "$(npm run --silent check:bundle-secrets -- --print-canaries)"`.

/** Secrets the app never reads but the workflows hold: they must not reach a bundle either. */
const DEPLOY_SECRETS = [
  "DIRECT_DATABASE_URL",
  "PREVIEW_DATABASE_URL",
  "VERCEL_TOKEN",
  "VERCEL_PREVIEW_TOKEN",
  "VERCEL_AUTOMATION_BYPASS_SECRET",
  "SENTRY_AUTH_TOKEN",
  "BACKUP_PASSPHRASE",
  "CODECOV_TOKEN",
];
// Names that client code legitimately mentions: React and Next branch on NODE_ENV, Sentry's
// browser SDK looks up its own two, and better-auth's client (src/lib/auth/auth-client.ts) looks
// up its origin and secret through the environment helper it shares with its server. In a
// browser all of them are undefined (Next inlines NEXT_PUBLIC_ variables only); the secret's
// value is still looked for, through its canary below.
const PUBLIC_NAMES = new Set([
  "NODE_ENV",
  "SENTRY_ENVIRONMENT",
  "SENTRY_RELEASE",
  "BETTER_AUTH_URL",
  "BETTER_AUTH_SECRET",
  "VERCEL_URL",
]);
const SECRET_NAME = /URL|TOKEN|DSN|SECRET|PASSWORD|PASSPHRASE|KEY/;

export const SERVER_ONLY_VARIABLES = [...Object.keys(envSchema.shape), ...DEPLOY_SECRETS].filter(
  (name) => !name.startsWith("NEXT_PUBLIC_") && !PUBLIC_NAMES.has(name),
);

/** Fake values for variables the build never connects with, so setting them changes nothing else. */
export const CANARIES: Record<string, string> = {
  DIRECT_DATABASE_URL: "postgresql://canary:canary-direct-database-password@127.0.0.1:9/canary",
  VERCEL_TOKEN: "canary-vercel-token-4d1f9a",
  VERCEL_PREVIEW_TOKEN: "canary-vercel-preview-token-8b2c7e",
  BACKUP_PASSPHRASE: "canary-backup-passphrase-e61a0d",
  // At least 32 characters, as the env schema requires of it.
  BETTER_AUTH_SECRET: "canary-better-auth-secret-5c93e1b7a40f",
};

export interface BundleFinding {
  file: string;
  variable: string;
  /** Whether the variable's name or its value was found. */
  found: "name" | "value";
}

export interface ScanOptions {
  names?: readonly string[];
  /** Secret values by variable name. */
  values?: Record<string, string>;
}

/** The server-only secret values set in `source`, except those a NEXT_PUBLIC_ variable also holds. */
export function secretValues(source: Record<string, string | undefined>): Record<string, string> {
  const publicValues = new Set(
    Object.entries(source)
      .filter(([name]) => name.startsWith("NEXT_PUBLIC_"))
      .map(([, value]) => value),
  );
  const values: Record<string, string> = { ...CANARIES };
  for (const name of SERVER_ONLY_VARIABLES) {
    const value = source[name]?.trim();
    if (value && value.length >= 8 && SECRET_NAME.test(name) && !publicValues.has(value)) values[name] = value;
  }
  return values;
}

async function* browserFiles(dir: string, prerenderedOnly = false): AsyncGenerator<string> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* browserFiles(full, prerenderedOnly);
    else if (!prerenderedOnly || (/\.(html|json|rsc)$/.test(entry.name) && !entry.name.endsWith(".nft.json"))) {
      yield full;
    }
  }
}

export async function scanBundle(
  nextDir: string,
  { names = SERVER_ONLY_VARIABLES, values = CANARIES }: ScanOptions = {},
): Promise<{ files: number; findings: BundleFinding[] }> {
  // A name as a whole word: NEXT_PUBLIC_SENTRY_DSN is not SENTRY_DSN.
  const namePatterns = names.map((name) => ({ name, pattern: new RegExp(`(?<![A-Z0-9_])${name}(?![A-Z0-9_])`) }));
  const findings: BundleFinding[] = [];
  let files = 0;
  const roots: [string, boolean][] = [
    [path.join(nextDir, "static"), false],
    [path.join(nextDir, "server/pages"), true],
    [path.join(nextDir, "server/app"), true],
  ];
  for (const [root, prerenderedOnly] of roots) {
    for await (const file of browserFiles(root, prerenderedOnly)) {
      files += 1;
      const text = await readFile(file, "latin1");
      const relative = path.relative(nextDir, file);
      for (const { name, pattern } of namePatterns) {
        if (pattern.test(text)) findings.push({ file: relative, variable: name, found: "name" });
      }
      for (const [name, value] of Object.entries(values)) {
        if (text.includes(value)) findings.push({ file: relative, variable: name, found: "value" });
      }
    }
  }
  return { files, findings };
}

async function main(): Promise<number> {
  const { values: args } = parseArgs({
    options: { dir: { type: "string", default: ".next" }, "print-canaries": { type: "boolean", default: false } },
  });
  if (args["print-canaries"]) {
    for (const [name, value] of Object.entries(CANARIES)) process.stdout.write(`${name}='${value}'\n`);
    return 0;
  }
  const nextDir = path.resolve(args.dir);
  const { files, findings } = await scanBundle(nextDir, { values: secretValues(process.env) });
  if (files === 0) {
    logger.error({ dir: nextDir }, "no build output to scan: run `npm run build` first");
    return 1;
  }
  for (const finding of findings) {
    logger.error(finding, `the client bundle contains a server-only variable's ${finding.found}`);
  }
  if (findings.length === 0)
    logger.info({ files }, "no server-only variable name or secret value in the client bundle");
  return findings.length > 0 ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      logger.fatal({ err: error }, "bundle scan failed");
      process.exit(1);
    },
  );
}
