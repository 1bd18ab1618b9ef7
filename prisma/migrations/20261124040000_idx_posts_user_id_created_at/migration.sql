-- A user's posts, newest first (the profile page): `WHERE user_id = $1 ORDER BY created_at
-- DESC, id DESC LIMIT 20 OFFSET n` reads the page straight from this index, where
-- idx_posts_user_id made PostgreSQL fetch and sort every post of that user.
-- CONCURRENTLY builds it while posts are written. It cannot run inside a transaction, so it
-- stays alone in its migration (docs/migrations.md).
-- No lock timeout (0, also over one an earlier migration of the run may have left): the build
-- waits for every transaction older than itself, and with a timeout any transaction longer
-- than it would fail the build and leave an INVALID index. Its lock (SHARE UPDATE EXCLUSIVE)
-- blocks no read or write meanwhile. If the build fails anyway, `npm run db:migrate` drops
-- the INVALID index and builds it again (docs/decisions/0073-concurrent-index-builds.md).
SET lock_timeout = 0;
-- The build takes as long as the table is big: no statement timeout.
SET statement_timeout = 0;

CREATE INDEX CONCURRENTLY IF NOT EXISTS "idx_posts_user_id_created_at" ON "posts" ("user_id", "created_at" DESC, "id" DESC);

RESET statement_timeout;
RESET lock_timeout;
