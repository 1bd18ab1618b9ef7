import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// A1.6: logs go through pino (src/lib/logger.ts). The rule must hold in every kind of app file.
// ESLint's first call loads every plugin of the config (several seconds on a busy machine):
// a generous per-test timeout, since this checks the rule, not ESLint's speed.
describe("ESLint forbids console.* in app code", { timeout: 60_000 }, () => {
  const eslint = new ESLint();

  it.each([
    "src/pages/index.tsx",
    "src/pages/api/example.ts",
    "src/lib/example.ts",
    "src/modules/posts/example.service.ts",
    "src/server/routers/example.router.ts",
    "src/components/Example.tsx",
    "scripts/example.ts",
  ])("%s", async (filePath) => {
    const [result] = await eslint.lintText('export function f() {\n  console.log("debugging");\n}\n', { filePath });
    expect(result?.messages).toContainEqual(expect.objectContaining({ ruleId: "no-console", severity: 2 }));
  });
});
