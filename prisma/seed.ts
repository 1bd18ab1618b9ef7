import nextEnv from "@next/env";
import { createDatabase, type Database } from "../src/lib/prisma";
import { logger } from "../src/lib/logger";
import { createServices } from "../src/server/services";
import { parseEnv } from "../src/lib/env";
import { allowsDemoPasswords, DEMO_ACCOUNTS, DEMO_MEMBER_COUNT, giveDemoPasswords, seedUser } from "./seed-accounts";
import { defineCommand, parseCommand, runMain, wholeNumber } from "../scripts/cli";

// Deterministic demo data: the same users, posts and comments on every machine, an admin, and
// known passwords for a few of the users (DEMO_ACCOUNTS, printed by `npm run dev`; ADR 0100).
// `npm run db:seed` (skips a database that has data), `-- --reset` to start over (outside the
// embedded database, only with `--yes-reset-database` too: it empties every table),
// `-- --posts=100000 --comments=300000 --users=500` for the article's scale.

export interface SeedOptions {
  users: number;
  posts: number;
  comments: number;
}

export const DEFAULT_SEED: SeedOptions = { users: 50, posts: 2_000, comments: 6_000 };
const BATCH = 1_000;
const EPOCH = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;

const TOPICS = [
  "PostgreSQL",
  "Redis",
  "Next.js",
  "Prisma",
  "Vercel",
  "Sentry",
  "tRPC",
  "Vitest",
  "Lighthouse",
  "indexes",
];
const ANGLES = [
  "Scaling",
  "Monitoring",
  "Caching",
  "Testing",
  "Migrating",
  "Profiling",
  "Paginating",
  "Deploying",
  "Debugging",
  "Securing",
];
const ENDINGS = ["for 100 users", "without downtime", "on a budget", "in week one", "the boring way", "step by step"];
const SENTENCES = [
  "We measured before changing anything.",
  "The slow query log pointed at a missing index.",
  "One include replaced fifty queries.",
  "The cache took most of the load off the database.",
  "A preview deployment caught the regression before users did.",
  "The migration added a nullable column first.",
  "Coverage stayed above eighty percent.",
  "Lighthouse kept the page under its budget.",
];

/** mulberry32: a tiny seeded generator, so that every run draws the same numbers. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function* batches<T>(count: number, make: (i: number) => T): Generator<T[]> {
  for (let start = 0; start < count; start += BATCH) {
    const size = Math.min(BATCH, count - start);
    yield Array.from({ length: size }, (_, k) => make(start + k));
  }
}

async function isEmpty(db: Database): Promise<boolean> {
  return (await db.user.count()) === 0;
}

export interface SeedSettings {
  /** Give DEMO_ACCOUNTS their passwords (only for a local database: allowsDemoPasswords). */
  demoPasswords?: boolean;
}

export async function seed(
  db: Database,
  options: SeedOptions = DEFAULT_SEED,
  { demoPasswords = true }: SeedSettings = {},
): Promise<SeedOptions> {
  const services = createServices(db);
  const rand = random(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;

  // Identities restart at 1, so post and comment ids are the same on every run.
  await db.$executeRawUnsafe(
    "TRUNCATE comments, posts, sessions, accounts, verifications, users, feature_flags, flag_changes, app_settings RESTART IDENTITY CASCADE",
  );

  const userIds: number[] = [];
  for (let i = 0; i < options.users; i++) {
    const createdAt = new Date(EPOCH - 400 * DAY + i * DAY);
    userIds.push((await services.users.createUser({ ...seedUser(i), createdAt })).id);
  }
  // After the generated users, so their ids (and the posts' authors) do not depend on it.
  const { email, name } = DEMO_ACCOUNTS.admin;
  const admin = await services.users.createUser({ email, name, role: "admin", createdAt: new Date(EPOCH - 401 * DAY) });
  if (demoPasswords) await giveDemoPasswords(db, userIds.slice(0, DEMO_MEMBER_COUNT), admin.id);

  const postDates: number[] = [];
  for (const batch of batches(options.posts, (i) => {
    const createdAt = EPOCH - Math.floor(rand() * 365 * DAY);
    postDates[i] = createdAt;
    return {
      userId: 1 + Math.floor(rand() * options.users),
      title: `${pick(ANGLES)} ${pick(TOPICS)} ${pick(ENDINGS)}`,
      body: Array.from({ length: 3 + Math.floor(rand() * 5) }, () => pick(SENTENCES)).join(" "),
      createdAt: new Date(createdAt),
    };
  })) {
    await services.posts.createPosts(batch);
  }

  for (const batch of batches(options.comments, () => {
    const postIndex = Math.floor(rand() * options.posts);
    return {
      postId: postIndex + 1,
      userId: 1 + Math.floor(rand() * options.users),
      body: pick(SENTENCES),
      createdAt: new Date((postDates[postIndex] ?? EPOCH) + Math.floor(rand() * 30 * DAY)),
    };
  })) {
    await services.comments.createComments(batch);
  }

  // Off, so that the admin console has a real feature to switch on (the search page's live results).
  await services.config.setFlag(
    { key: "live-search", enabled: false, description: "Search results update as you type" },
    { source: "seed" },
  );
  return options;
}

/** Seeds a database that has no users yet; returns whether it did. */
export async function seedIfEmpty(url: string, options: SeedOptions = DEFAULT_SEED): Promise<boolean> {
  const db = createDatabase({ url, poolMax: 2 });
  try {
    if (!(await isEmpty(db))) return false;
    await seed(db, options, { demoPasswords: allowsDemoPasswords(url) });
    return true;
  } finally {
    await db.$disconnect();
  }
}

export const seedCommand = defineCommand({
  usage: "npm run db:seed -- [--reset] [--users N] [--posts N] [--comments N]",
  description:
    "Deterministic demo data and an admin; skips a database that already has users unless --reset. " +
    "Demo passwords are set on a local database only.",
  flags: {
    reset: { type: "boolean", description: "empty the tables first, then seed" },
    "yes-reset-database": {
      type: "boolean",
      description: "confirm --reset on a database other than the embedded one (it may be shared or production)",
    },
    users: {
      type: "string",
      placeholder: "N",
      description: `users to create besides the admin (default ${DEFAULT_SEED.users})`,
    },
    posts: { type: "string", placeholder: "N", description: `posts to create (default ${DEFAULT_SEED.posts})` },
    comments: {
      type: "string",
      placeholder: "N",
      description: `comments to create (default ${DEFAULT_SEED.comments})`,
    },
  },
});

export function parseSeedArgs(argv: readonly string[]): { reset: boolean; options: SeedOptions } {
  const { values } = parseCommand(seedCommand, argv);
  const size = (name: keyof SeedOptions) => wholeNumber(name, values[name], 0) ?? DEFAULT_SEED[name];
  return {
    reset: values.reset === true,
    options: { users: size("users"), posts: size("posts"), comments: size("comments") },
  };
}

export const RESET_CONFIRMATION = "--yes-reset-database";

/**
 * `--reset` truncates whatever DATABASE_URL names. Only the embedded database that
 * scripts/with-db.ts started (it sets EMBEDDED_DATABASE_URL) is reset without the explicit
 * confirmation: any other URL may be shared, staging or production.
 */
export function checkResetAllowed(
  url: string,
  argv: readonly string[],
  source: Record<string, string | undefined> = process.env,
): void {
  if (source.EMBEDDED_DATABASE_URL === url || argv.includes(RESET_CONFIRMATION)) return;
  const { host, pathname } = new URL(url);
  throw new Error(
    `refusing to empty every table of ${host}${pathname}, which is not the embedded database: ` +
      `add ${RESET_CONFIRMATION} if that is what you want`,
  );
}

async function main({ reset, options }: { reset: boolean; options: SeedOptions }) {
  nextEnv.loadEnvConfig(process.cwd());
  // Parsed after loadEnvConfig, so that the .env files it loaded are validated too.
  const url = parseEnv(process.env).DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (run `npm run db:seed`, which provides the embedded database)");
  if (reset) checkResetAllowed(url, process.argv.slice(2));
  const db = createDatabase({ url, poolMax: 2 });
  try {
    if (!reset && !(await isEmpty(db))) {
      logger.info("database already has data; pass --reset to replace it");
      return;
    }
    const started = Date.now();
    const demoPasswords = allowsDemoPasswords(url);
    await seed(db, options, { demoPasswords });
    logger.info(
      { ...options, admins: 1, demoPasswords, ms: Date.now() - started },
      demoPasswords ? "seeded" : "seeded, without demo passwords (not a database on this machine)",
    );
  } finally {
    await db.$disconnect();
  }
}

runMain(import.meta.url, {
  spec: seedCommand,
  options: parseSeedArgs,
  main,
  onError: (error) => logger.fatal({ err: error }, "seed failed"),
});
