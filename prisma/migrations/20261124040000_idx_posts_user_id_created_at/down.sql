-- Rolls back 20261124040000_idx_posts_user_id_created_at without blocking writes to posts.
-- Like the build, the concurrent drop waits for older transactions: no lock timeout.
SET lock_timeout = 0;
SET statement_timeout = 0;
DROP INDEX CONCURRENTLY IF EXISTS "idx_posts_user_id_created_at";
RESET statement_timeout;
RESET lock_timeout;
