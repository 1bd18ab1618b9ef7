import nextEnv from "@next/env";
import { AppError } from "../../src/lib/errors";
import { logger } from "../../src/lib/logger";
import { createDatabase, type Database } from "../../src/lib/prisma";
import type { Cache } from "../../src/lib/redis";
import { createServices } from "../../src/server/services";
import type { UserAccount } from "../../src/modules/users/user.types";
import { defineCommand, parseCommand, runMain, UsageError } from "../cli";
import { deploymentEnv, operatorCache } from "../operator-cache";

// `npm run users:role -- EMAIL admin|member`: who may open the admin console, for real
// deployments (whoever can reach the database decides). Through UserService.setRole, which
// also refreshes the cached public profile that shows the role.

const setRoleCommand = defineCommand({
  usage: "npm run users:role -- EMAIL admin|member [--environment production|preview]",
  description: "Gives the user with this email the admin role (the /admin console), or makes them a member again.",
  positionals: "EMAIL admin|member",
  flags: {
    environment: {
      type: "string",
      placeholder: "NAME",
      description: "the deployment whose cached profile to refresh, as its VERCEL_ENV (needed with Upstash variables)",
    },
  },
});

export interface SetRoleOptions {
  email: string;
  role: string;
  environment?: string;
}

export function parseSetRoleArgs(argv: readonly string[]): SetRoleOptions {
  const { values, positionals } = parseCommand(setRoleCommand, argv);
  const [email, role, ...rest] = positionals;
  if (!email || !role || rest.length > 0) throw new UsageError("name a user's email, then admin or member");
  return { email, role, environment: values.environment };
}

export function setRole(db: Database, cache: Cache, { email, role }: SetRoleOptions): Promise<UserAccount> {
  return createServices(db, cache).users.setRole({ email, role });
}

async function main(options: SetRoleOptions): Promise<number> {
  nextEnv.loadEnvConfig(process.cwd());
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (run `npm run users:role`, which provides the embedded database)");
  const cache = operatorCache(deploymentEnv(options));
  const db = createDatabase({ url, poolMax: 1 });
  try {
    const user = await setRole(db, cache, options);
    logger.info({ ...user }, `${user.email} is now ${user.role === "admin" ? "an admin" : "a member"}`);
    return cache.invalidationFailures > 0 ? 1 : 0;
  } finally {
    await db.$disconnect();
  }
}

runMain(import.meta.url, {
  spec: setRoleCommand,
  options: parseSetRoleArgs,
  main,
  onError: (error) => {
    // An unknown email or role is the operator's to fix: its plain message, no stack.
    const message = AppError.is(error) ? error.publicMessage : error instanceof Error ? error.message : String(error);
    process.stderr.write(`users:role: ${message}\n`);
    process.exit(1);
  },
});
