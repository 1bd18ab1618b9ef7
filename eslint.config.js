import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypeScript from "eslint-config-next/typescript";

const config = [
  {
    ignores: [
      ".next/**",
      "coverage/**",
      ".data/**",
      "src/generated/**",
      "tests/fixtures/v1-release/generated/**",
      "next-env.d.ts",
      "bench/results/**",
    ],
  },
  ...nextVitals,
  ...nextTypeScript,
  {
    rules: {
      // Structured logs only (A1.6): use src/lib/logger.ts.
      "no-console": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
];

export default config;
