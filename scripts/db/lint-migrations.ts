import { spawnSync } from "node:child_process";
import { access, readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { logger } from "../../src/lib/logger";
import { defineCommand, parseCommand, runMain, UsageError } from "../cli";
import { MIGRATIONS_DIR, ROOT } from "./schema-engine";
import { findConcurrentBuildsUnderLockTimeout } from "./concurrent-indexes";
import { findUnsplittableSemicolons } from "./statement-splitting";

// `npm run db:lint-migrations`: every migration has a down.sql, no `;` that the runner would
// split wrongly, no concurrent index build under a lock timeout, and squawk finds nothing unsafe in any migration.sql (.squawk.toml,
// docs/migrations.md). Deliberate exceptions are `-- squawk-ignore` comments in the file.

export interface LintResult {
  ok: boolean;
  problems: string[];
  squawkOutput: string;
}

function squawkBinary(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve("squawk-cli/package.json")), "js/bin/squawk");
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

export async function lintMigrations(dir = MIGRATIONS_DIR): Promise<LintResult> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name);
  const problems: string[] = [];
  const upFiles: string[] = [];
  for (const name of names.sort()) {
    for (const file of ["migration.sql", "down.sql"]) {
      const full = path.join(dir, name, file);
      if (!(await exists(full))) {
        problems.push(`${name}/${file} is missing`);
        continue;
      }
      if (file === "migration.sql") upFiles.push(full);
      const sql = await readFile(full, "utf8");
      for (const p of findUnsplittableSemicolons(sql)) {
        problems.push(`${name}/${file}:${p.line}: a ";" inside a ${p.where} would split the statement`);
      }
      for (const problem of findConcurrentBuildsUnderLockTimeout(sql)) problems.push(`${name}/${file}: ${problem}`);
    }
  }
  const squawk = spawnSync(
    process.execPath,
    [squawkBinary(), "--config", path.join(ROOT, ".squawk.toml"), "--reporter", "gcc", ...upFiles],
    { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } },
  );
  const squawkOutput = `${squawk.stdout ?? ""}${squawk.stderr ?? ""}`.trim();
  if (squawk.status !== 0) problems.push(`squawk found unsafe statements (exit ${squawk.status})`);
  return { ok: problems.length === 0, problems, squawkOutput };
}

export const lintMigrationsCommand = defineCommand({
  usage: "npm run db:lint-migrations -- [DIR]",
  description: "Checks every migration in DIR (default prisma/migrations): a down.sql, safe `;`, squawk.",
  flags: {},
  positionals: "DIR",
});

export function parseLintMigrationsArgs(argv: readonly string[]): { dir: string } {
  const { positionals } = parseCommand(lintMigrationsCommand, argv);
  if (positionals.length > 1) throw new UsageError(`one directory at most (got ${positionals.length})`);
  return { dir: positionals[0] ? path.resolve(positionals[0]) : MIGRATIONS_DIR };
}

async function main({ dir }: { dir: string }): Promise<number> {
  const result = await lintMigrations(dir);
  process.stdout.write(`${result.squawkOutput}\n`);
  for (const problem of result.problems) logger.error(problem);
  if (!result.ok) return 1;
  logger.info("migrations: every migration has a down.sql and squawk finds nothing unsafe");
  return 0;
}

runMain(import.meta.url, {
  spec: lintMigrationsCommand,
  options: parseLintMigrationsArgs,
  main,
  onError: (error) => logger.fatal({ err: error }, "could not lint the migrations"),
});
