import { defineConfig } from "prisma/config";

// Used by the Prisma CLI (generate, and `migrate dev` on a developer's machine).
// The app and `npm run db:migrate` read DATABASE_URL themselves (src/lib/env.ts). The CLI
// loads this file on its own, before any app module, hence the raw read.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: {
    path: "prisma/migrations",
    seed: "tsx prisma/seed.ts",
  },
  datasource: {
    url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/postgres",
  },
});
