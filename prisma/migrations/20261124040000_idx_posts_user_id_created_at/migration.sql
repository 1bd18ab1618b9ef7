-- A user's posts, newest first (the profile page): `WHERE user_id = $1 ORDER BY created_at
-- DESC, id DESC LIMIT 20 OFFSET n` reads the page straight from this index, where
-- idx_posts_user_id made PostgreSQL fetch and sort every post of that user.
-- CONCURRENTLY builds it while posts are written. It cannot run inside a transaction, so it
-- stays alone in its migration (docs/migrations.md). If the build fails, PostgreSQL leaves an
-- INVALID index behind: the down migration drops it, and a rerun builds it again.
SET lock_timeout = '3s';
-- The build takes as long as the table is big: no statement timeout.
SET statement_timeout = 0;

CREATE INDEX CONCURRENTLY IF NOT EXISTS "idx_posts_user_id_created_at" ON "posts" ("user_id", "created_at" DESC, "id" DESC);

RESET statement_timeout;
RESET lock_timeout;
