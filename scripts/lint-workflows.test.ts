import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lintWorkflows } from "./lint-workflows";

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function workflowDir(content: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "workflows-"));
  dirs.push(dir);
  await writeFile(path.join(dir, "ci.yml"), content);
  return dir;
}

describe("lintWorkflows", () => {
  it("passes the project's own workflows", async () => {
    const { files, findings } = await lintWorkflows(path.resolve(import.meta.dirname, "../.github/workflows"));
    expect(files).toEqual(expect.arrayContaining(["ci.yml", "deploy.yml"]));
    expect(findings).toEqual([]);
  });

  it("reports a broken workflow", async () => {
    const dir = await workflowDir(
      [
        "on: push",
        "jobs:",
        "  test:",
        "    runs-on: ubuntu-latest",
        "    steps:",
        "      - run: echo ${{ github.evnt.name }}",
        "",
      ].join("\n"),
    );
    const { findings } = await lintWorkflows(dir);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings[0]).toMatchObject({ file: ".github/workflows/ci.yml", line: 6 });
  });
});
