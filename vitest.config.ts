import path from "node:path";
import { defineConfig } from "vitest/config";

const shared = {
  environment: "node" as const,
  setupFiles: ["tests/support/setup.ts"],
  env: { LOG_LEVEL: "silent", NODE_ENV: "test" as const },
};

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname, "src") } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          ...shared,
          name: "unit",
          include: ["src/**/*.test.ts", "scripts/**/*.test.ts", "tests/unit/**/*.test.ts"],
          exclude: ["**/*.integration.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          ...shared,
          name: "integration",
          include: ["src/**/*.integration.test.ts", "tests/integration/**/*.test.ts"],
          globalSetup: ["tests/support/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
    coverage: {
      provider: "v8",
      reporter: ["text", "html", "lcov"],
      include: ["src/**/*.{ts,tsx}", "scripts/**/*.ts", "prisma/**/*.ts"],
      exclude: [
        "src/generated/**",
        "**/*.test.ts",
        // React components: checked in a real browser by Lighthouse, not by line coverage.
        "src/pages/**/*.tsx",
        "src/components/**",
        "src/lib/trpc-client.tsx",
        // Command-line entry points: run end to end in child processes (embedded-startup and
        // backup-restore tests), which coverage cannot see; their logic lives in the modules they import.
        "scripts/with-db.ts",
        "scripts/db/migrate.ts",
        "scripts/db/create-migration.ts",
        "scripts/db/backup.ts",
        "scripts/db/restore.ts",
        "scripts/db/restore-drill.ts",
      ],
      // Above the article's floor (lines 80, functions 80, branches 70), at what the suite reaches
      // with Redis available, as in CI. Raise them when coverage rises; never lower them.
      thresholds: { lines: 83, functions: 86, branches: 73, statements: 83 },
    },
  },
});
