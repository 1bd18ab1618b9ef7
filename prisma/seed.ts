import nextEnv from "@next/env";
import { createDatabase, type Database } from "../src/lib/prisma";
import { logger } from "../src/lib/logger";
import { createServices } from "../src/server/services";

// Deterministic demo data: the same users, posts and comments on every machine.
// `npm run db:seed` (skips a database that has data), `-- --reset` to start over,
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

const FIRST = ["Camille", "Léa", "Hugo", "Chloé", "Lucas", "Manon", "Nathan", "Inès", "Louis", "Jade"];
const LAST = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau"];
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

export async function seed(db: Database, options: SeedOptions = DEFAULT_SEED): Promise<SeedOptions> {
  const services = createServices(db);
  const rand = random(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;

  // Identities restart at 1, so post and comment ids are the same on every run.
  await db.$executeRawUnsafe("TRUNCATE comments, posts, users, feature_flags, app_settings RESTART IDENTITY CASCADE");

  for (let i = 0; i < options.users; i++) {
    const first = FIRST[i % FIRST.length] as string;
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length] as string;
    const handle = `${first}.${last}.${i + 1}`
      .normalize("NFD")
      .replace(/[^\w.]/g, "")
      .toLowerCase();
    const createdAt = new Date(EPOCH - 400 * DAY + i * DAY);
    await services.users.createUser({ email: `${handle}@example.com`, name: `${first} ${last}`, createdAt });
  }

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

  await services.config.setFlag({
    key: "live-search",
    enabled: true,
    description: "Search results update as you type",
  });
  await services.config.setFlag({
    key: "comment-form",
    enabled: false,
    description: "Shipped dark until sign-in lands",
  });
  return options;
}

/** Seeds a database that has no users yet; returns whether it did. */
export async function seedIfEmpty(url: string, options: SeedOptions = DEFAULT_SEED): Promise<boolean> {
  const db = createDatabase({ url, poolMax: 2 });
  try {
    if (!(await isEmpty(db))) return false;
    await seed(db, options);
    return true;
  } finally {
    await db.$disconnect();
  }
}

export function parseSeedArgs(argv: string[]): { reset: boolean; options: SeedOptions } {
  const options = { ...DEFAULT_SEED };
  for (const arg of argv) {
    const match = /^--(users|posts|comments)=(\d+)$/.exec(arg);
    if (match) options[match[1] as keyof SeedOptions] = Number(match[2]);
    else if (arg !== "--reset")
      throw new Error(`Unknown argument ${arg}: use --reset, --users=N, --posts=N, --comments=N`);
  }
  return { reset: argv.includes("--reset"), options };
}

async function main() {
  nextEnv.loadEnvConfig(process.cwd());
  const { reset, options } = parseSeedArgs(process.argv.slice(2));
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (run `npm run db:seed`, which provides the embedded database)");
  const db = createDatabase({ url, poolMax: 2 });
  try {
    if (!reset && !(await isEmpty(db))) {
      logger.info("database already has data; pass --reset to replace it");
      return;
    }
    const started = Date.now();
    await seed(db, options);
    logger.info({ ...options, ms: Date.now() - started }, "seeded");
  } finally {
    await db.$disconnect();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    logger.fatal({ err: error }, "seed failed");
    process.exitCode = 1;
  });
}
