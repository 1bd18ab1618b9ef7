import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMPILE_HINT, CompileHintsPlugin } from "./compile-hints.mjs";

// The webpack Next.js builds with, so the plugin is tested against the hooks it will meet.
const { webpack } = createRequire(import.meta.url)("next/dist/compiled/webpack/webpack") as {
  webpack: ((options: object) => Compiler) & ConstructorParameters<typeof CompileHintsPlugin>[0];
};

interface Compiler {
  run(callback: (error: Error | null, stats?: { hasErrors(): boolean; toString(): string }) => void): void;
}

/** Builds a tiny app (an entry that imports a module on demand) into `out`. */
async function build(dir: string, out: string, plugins: unknown[]): Promise<void> {
  const compiler = webpack({
    mode: "production",
    context: dir,
    entry: { main: "./entry.js" },
    output: { path: out, filename: "[name].js", chunkFilename: "lazy-[id].js" },
    devtool: "source-map",
    optimization: { minimize: false },
    plugins,
  });
  await new Promise<void>((resolve, reject) =>
    compiler.run((error, stats) => {
      if (error) reject(error);
      else if (stats?.hasErrors()) reject(new Error(stats.toString()));
      else resolve();
    }),
  );
}

describe("CompileHintsPlugin", () => {
  let dir: string;
  const read = (build: string, file: string) => readFileSync(path.join(dir, build, file), "utf8");

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "compile-hints-"));
    writeFileSync(path.join(dir, "entry.js"), 'import("./lazy.js").then((m) => m.lazy());\nexport const x = 1;\n');
    writeFileSync(path.join(dir, "lazy.js"), "export function lazy() { return 2; }\n");
    await build(dir, path.join(dir, "hinted"), [new CompileHintsPlugin(webpack)]);
    await build(dir, path.join(dir, "plain"), []);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("puts the hint on the first line of the chunks a page starts with, once", () => {
    const main = read("hinted", "main.js");
    expect(main.startsWith(COMPILE_HINT)).toBe(true);
    expect(main.slice(COMPILE_HINT.length)).toBe(read("plain", "main.js"));
  });

  it("leaves chunks loaded on demand to lazy compiling", () => {
    const lazy = readdirSync(path.join(dir, "hinted")).filter((file) => /^lazy-.*\.js$/.test(file));
    expect(lazy).toHaveLength(1);
    expect(read("hinted", lazy[0]!)).toBe(read("plain", lazy[0]!));
  });

  it("keeps the source map in step: every mapping moves down the one added line", () => {
    const mappings = (build: string) => (JSON.parse(read(build, "main.js.map")) as { mappings: string }).mappings;
    expect(mappings("hinted")).toBe(`;${mappings("plain")}`);
  });
});
