import { spawnSync } from "node:child_process";
import { access, readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { logger } from "../../src/lib/logger";
import { MIGRATIONS_DIR, ROOT } from "./schema-engine";
import { findUnsplittableSemicolons } from "./statement-splitting";

// `npm run db:lint-migrations`: every migration has a down.sql, no `;` that the runner would
// split wrongly, and squawk finds nothing unsafe in any migration.sql (.squawk.toml,
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
      for (const p of findUnsplittableSemicolons(await readFile(full, "utf8"))) {
        problems.push(`${name}/${file}:${p.line}: a ";" inside a ${p.where} would split the statement`);
      }
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

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await lintMigrations(process.argv[2] ? path.resolve(process.argv[2]) : MIGRATIONS_DIR);
  process.stdout.write(`${result.squawkOutput}\n`);
  for (const problem of result.problems) logger.error(problem);
  if (!result.ok) process.exit(1);
  logger.info("migrations: every migration has a down.sql and squawk finds nothing unsafe");
}
