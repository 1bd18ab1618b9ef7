import type { Database } from "../../src/lib/prisma";
import { createDatabase } from "../../src/lib/prisma";
import { check, measure, round, type RunPlan, type Timing } from "../lib/measure";

// A2.1. Both variants live here, not in src/: the loop is the anti-pattern the app must never
// contain, and the include is shown in its plainest form, as the article writes it.

const postSelect = { id: true, title: true, createdAt: true } as const;

/** The N+1: one query for the users, then one per user for their posts. */
export async function loadUsersWithPostsLoop(db: Database, userIds: number[]) {
  const users = await db.user.findMany({
    where: { id: { in: userIds } },
    select: { id: true, name: true },
    orderBy: { id: "asc" },
  });
  const result = [];
  for (const user of users) {
    const posts = await db.post.findMany({ where: { userId: user.id }, select: postSelect, orderBy: { id: "asc" } });
    result.push({ ...user, posts });
  }
  return result;
}

/** The fix: one `include`-style relation select; Prisma loads every user's posts in one more query. */
export function loadUsersWithPostsInclude(db: Database, userIds: number[]) {
  return db.user.findMany({
    where: { id: { in: userIds } },
    select: { id: true, name: true, posts: { select: postSelect, orderBy: { id: "asc" } } },
    orderBy: { id: "asc" },
  });
}

export interface NPlusOneResult {
  users: number;
  postsLoaded: number;
  loop: { queries: number; timing: Timing };
  include: { queries: number; timing: Timing };
  queryReductionPct: number;
  latencyReductionPct: number;
}

export async function runNPlusOne(url: string, userCount: number, plan: RunPlan): Promise<NPlusOneResult> {
  let queries = 0;
  const db = createDatabase({ url, poolMax: 4, onQuery: () => queries++ });
  try {
    const userIds = Array.from({ length: userCount }, (_, i) => i + 1);
    const countQueries = async <T>(task: () => Promise<T>) => {
      queries = 0;
      const value = await task();
      return { value, queries };
    };
    const loop = await countQueries(() => loadUsersWithPostsLoop(db, userIds));
    const include = await countQueries(() => loadUsersWithPostsInclude(db, userIds));

    check(loop.value.length === userCount, `expected ${userCount} users, loaded ${loop.value.length}`);
    check(
      loop.queries === userCount + 1,
      `the loop should issue N+1 = ${userCount + 1} queries, issued ${loop.queries}`,
    );
    check(include.queries === 2, `the include should issue 2 queries, issued ${include.queries}`);
    check(
      JSON.stringify(loop.value) === JSON.stringify(include.value),
      "the loop and the include should load the same users and posts",
    );

    const loopTiming = await measure(() => loadUsersWithPostsLoop(db, userIds), plan);
    const includeTiming = await measure(() => loadUsersWithPostsInclude(db, userIds), plan);
    return {
      users: userCount,
      postsLoaded: loop.value.reduce((sum, user) => sum + user.posts.length, 0),
      loop: { queries: loop.queries, timing: loopTiming },
      include: { queries: include.queries, timing: includeTiming },
      queryReductionPct: round(100 * (1 - include.queries / loop.queries), 1),
      latencyReductionPct: round(100 * (1 - includeTiming.medianMs / loopTiming.medianMs), 1),
    };
  } finally {
    await db.$disconnect();
  }
}
