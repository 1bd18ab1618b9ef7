-- Contract, step 3 of the role example (docs/migrations.md), part two.
SET lock_timeout = '3s';

-- Reads every row, under SHARE UPDATE EXCLUSIVE: reads and writes on users go on meanwhile.
-- No statement timeout for the scan: it takes as long as the table is big. Fails, changing
-- nothing, if a NULL role is left (run the backfill again, then the deploy).
-- Validating a valid constraint again is harmless, so a rerun is safe.
SET statement_timeout = 0;
-- squawk-ignore prefer-robust-stmts
ALTER TABLE "users" VALIDATE CONSTRAINT "users_role_not_null_check";

-- PostgreSQL 12+ skips the scan of SET NOT NULL when a valid CHECK (role IS NOT NULL)
-- proves it, so the ACCESS EXCLUSIVE lock lasts a moment. Both are harmless to rerun.
SET statement_timeout = '10s';
-- squawk-ignore prefer-robust-stmts
ALTER TABLE "users" ALTER COLUMN "role" SET NOT NULL;
ALTER TABLE "users" DROP CONSTRAINT IF EXISTS "users_role_not_null_check";

RESET statement_timeout;
RESET lock_timeout;
