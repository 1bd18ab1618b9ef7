import pg from "pg";

export interface BenchScale {
  users: number;
  posts: number;
  comments: number;
}

// Set-based inserts: the whole data set is generated inside PostgreSQL in three statements,
// seconds for the article's 100K posts where row-by-row inserts through the services take minutes.
// Rows are spread with multiplicative hashing (i × prime mod n): deterministic, every user gets
// the same number of posts, and one user's posts are scattered over the table as in real life
// (users write over time, interleaved), which is what makes a missing index expensive.

const USERS_SQL = `
INSERT INTO users (email, name, created_at)
SELECT 'bench.user.' || i || '@example.com',
       (ARRAY['Camille','Léa','Hugo','Chloé','Lucas','Manon','Nathan','Inès','Louis','Jade'])[1 + i % 10]
         || ' ' || (ARRAY['Martin','Bernard','Dubois','Thomas','Robert','Richard','Petit','Durand'])[1 + (i / 10) % 8],
       timestamptz '2025-01-01T00:00:00Z' + i * interval '1 minute'
FROM generate_series(1, $1::int) AS i`;

const POSTS_SQL = `
INSERT INTO posts (title, body, user_id, created_at)
SELECT (ARRAY['Scaling','Monitoring','Caching','Testing','Migrating','Profiling','Paginating','Deploying'])[1 + i % 8]
         || ' ' || (ARRAY['PostgreSQL','Redis','Next.js','Prisma','Vercel','Sentry','tRPC','indexes'])[1 + (i / 8) % 8]
         || ' #' || i,
       concat_ws(' ', s[1 + i % 8], s[1 + (i * 3) % 8], s[1 + (i * 5) % 8], s[1 + (i * 7) % 8]),
       1 + (i::bigint * 7919) % $2::int,
       timestamptz '2026-01-01T00:00:00Z' - ((i::bigint * 104729) % 31536000) * interval '1 second'
FROM generate_series(1, $1::int) AS i,
     (SELECT ARRAY['We measured before changing anything.',
                   'The slow query log pointed at a missing index.',
                   'One include replaced fifty queries.',
                   'The cache took most of the load off the database.',
                   'A preview deployment caught the regression before users did.',
                   'The migration added a nullable column first.',
                   'Coverage stayed above eighty percent.',
                   'Lighthouse kept the page under its budget.'] AS s) AS sentences`;

const COMMENTS_SQL = `
INSERT INTO comments (body, post_id, user_id, created_at)
SELECT (ARRAY['Thanks, this helped.','Which PostgreSQL version?','We saw the same thing.','Great write-up.'])[1 + i % 4],
       1 + (i::bigint * 6007) % $2::int,
       1 + (i::bigint * 4001) % $3::int,
       timestamptz '2026-01-01T00:00:00Z' - ((i::bigint * 7727) % 31536000) * interval '1 second'
FROM generate_series(1, $1::int) AS i`;

/** Replaces users, posts and comments with `scale` rows; ids restart at 1, so user 123 exists from 123 users on. */
export async function bulkSeed(url: string, scale: BenchScale): Promise<void> {
  if (scale.users < 1 || scale.posts < 1) throw new Error("bulkSeed needs at least one user and one post");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("TRUNCATE comments, posts, users RESTART IDENTITY CASCADE");
    await client.query(USERS_SQL, [scale.users]);
    await client.query(POSTS_SQL, [scale.posts, scale.users]);
    await client.query(COMMENTS_SQL, [scale.comments, scale.posts, scale.users]);
    // Fresh statistics and visibility map, as on a table that has been live for a while.
    await client.query("VACUUM ANALYZE users, posts, comments");
  } finally {
    await client.end();
  }
}
