import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypeScript from "eslint-config-next/typescript";

const config = [
  {
    ignores: [
      ".next/**",
      "bench/next-ceiling/.next/**",
      "bench/next-ceiling/next-env.d.ts",
      "scripts/lighthouse/floor/.next/**",
      "scripts/lighthouse/floor/next-env.d.ts",
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
  {
    // Links prefetch on hover only (docs/decisions/0113-links-prefetch-on-intent.md).
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/components/Link.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "next/link", message: "Use Link from @/components/Link: it prefetches on hover only." }] },
      ],
    },
  },
  {
    // Code that runs in the browser formats without Intl: the first formatter loads ICU's data
    // on the main thread (src/lib/format.ts says how long).
    files: ["src/components/**/*.{ts,tsx}", "src/pages/**/*.{ts,tsx}", "src/lib/format.ts"],
    ignores: ["src/pages/api/**"],
    rules: {
      "no-restricted-globals": ["error", { name: "Intl", message: "Use the formatters of @/lib/format." }],
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.property.name=/^(toLocale|localeCompare)/]",
          message: "Use the formatters of @/lib/format (no ICU in the browser).",
        },
      ],
    },
  },
];

export default config;
