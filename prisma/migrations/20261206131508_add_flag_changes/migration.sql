-- The feature-flag audit trail (ADR 0103): one row per switch, by whom and when. Additive
-- only: a new type and a new table, which the previous release never reads.
-- The table is empty when its indexes are built, so a plain CREATE INDEX blocks nobody.
-- squawk-ignore-file require-concurrent-index-creation, prefer-bigint-over-int, prefer-identity
SET lock_timeout = '3s';
SET statement_timeout = '10s';

-- Not rerunnable (PostgreSQL has no CREATE TYPE IF NOT EXISTS): after a partial failure,
-- npm run db:rollback cleans up with down.sql, then migrate again.
CREATE TYPE "flag_change_source" AS ENUM ('console', 'command_line', 'seed');

-- The foreign key is declared with the (empty) table: nothing to validate, and the lock it
-- takes on users lasts as long as the CREATE. A deleted account keeps its rows here, unnamed.
CREATE TABLE IF NOT EXISTS "flag_changes" (
    "id" SERIAL NOT NULL,
    "flag_key" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL,
    "source" "flag_change_source" NOT NULL,
    "user_id" INTEGER REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE,
    "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "flag_changes_pkey" PRIMARY KEY ("id")
);

-- The console lists the newest changes first.
CREATE INDEX IF NOT EXISTS "idx_flag_changes_changed_at" ON "flag_changes"("changed_at" DESC, "id" DESC);
-- Deleting a user clears its id here: without the index, each deletion would scan the trail.
CREATE INDEX IF NOT EXISTS "idx_flag_changes_user_id" ON "flag_changes"("user_id");

RESET statement_timeout;
RESET lock_timeout;
