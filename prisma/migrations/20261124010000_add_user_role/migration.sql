-- Expand, step 1 of 3 of the role example (docs/migrations.md): add users.role, nullable.
-- Each statement holds an ACCESS EXCLUSIVE lock on users for a moment (no table rewrite, no
-- scan). lock_timeout makes it give up rather than queue behind a long transaction and make
-- every later query on users wait behind it. Rerun the deploy if it times out.
SET lock_timeout = '3s';
SET statement_timeout = '10s';

CREATE TYPE "user_role" AS ENUM ('member', 'admin');

-- Added without a default first, so existing rows stay NULL until the backfill
-- (`npm run db:backfill:user-role`) gives them their value in small batches.
ALTER TABLE "users" ADD COLUMN IF NOT EXISTS "role" "user_role";

-- Rows inserted from now on, including by the previous release that knows nothing of role,
-- get 'member'. Setting it again is harmless, so a rerun after a partial failure is safe.
-- squawk-ignore prefer-robust-stmts
ALTER TABLE "users" ALTER COLUMN "role" SET DEFAULT 'member';

RESET statement_timeout;
RESET lock_timeout;
