import path from "node:path";
import { defineConfig } from "vitest/config";

// End-to-end checks against the production build: `npm run build && npm run test:e2e`.
// Kept apart from `npm test`, which needs no build.
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname, "src") } },
  test: {
    name: "e2e",
    environment: "node",
    include: ["tests/e2e/**/*.test.ts"],
    setupFiles: ["tests/support/setup.ts"],
    env: { LOG_LEVEL: "silent", NODE_ENV: "test" },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
