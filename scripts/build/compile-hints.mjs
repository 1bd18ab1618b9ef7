// V8 compiles a function only when it is first called, on the main thread, unless the script
// asks for every function up front: with this magic comment on its first line (Chrome 136 and
// later; a comment anywhere else), the browser compiles the whole file while it streams it in,
// off the main thread. Next.js's startup chunks call most of their functions as the page starts
// (React, the router, the page's components), so their compiling stops blocking the main thread
// after the first paint (docs/decisions/0126-startup-chunks-compiled-while-they-download.md).
export const COMPILE_HINT = "//# allFunctionsCalledOnLoad\n";

const NAME = "CompileHintsPlugin";

/**
 * What the plugin uses of webpack.
 * @typedef {{
 *   Compilation: { PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE: number };
 *   sources: { ConcatSource: new (...parts: unknown[]) => unknown };
 * }} Webpack
 */

/**
 * Puts COMPILE_HINT first in every JavaScript file of the chunks a page runs as it starts
 * (webpack's initial chunks). Chunks loaded on demand (`next/dynamic`, `import()`) are left to
 * V8's lazy compiling: most of their functions may never run.
 *
 * `webpack` is the instance the build runs (Next.js passes its own to `webpack(config, …)`).
 */
export class CompileHintsPlugin {
  /** @param {Webpack} webpack */
  constructor(webpack) {
    this.webpack = webpack;
  }

  /** @param {import("next/dist/compiled/webpack/webpack").webpack.Compiler} compiler */
  apply(compiler) {
    const { Compilation, sources } = this.webpack;
    compiler.hooks.thisCompilation.tap(NAME, (compilation) => {
      compilation.hooks.processAssets.tap(
        // After minifying, which would drop the comment, and before source maps are written,
        // which then account for the added line.
        { name: NAME, stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE + 1 },
        () => {
          for (const chunk of compilation.chunks) {
            if (!chunk.canBeInitial()) continue;
            for (const file of chunk.files) {
              if (!file.endsWith(".js")) continue;
              compilation.updateAsset(file, (source) => new sources.ConcatSource(COMPILE_HINT, source));
            }
          }
        },
      );
    });
  }
}
