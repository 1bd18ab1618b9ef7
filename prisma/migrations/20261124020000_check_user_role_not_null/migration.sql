-- Contract, step 3 of the role example (docs/migrations.md), part one. Deploy only once
-- `npm run db:backfill:user-role` reports that every user has a role.
-- NOT VALID: from now on no row may get a NULL role, but the rows already there are not
-- scanned, so the ACCESS EXCLUSIVE lock lasts a moment. The scan happens in the next
-- migration, in a transaction of its own, under a lock that lets reads and writes go on.
SET lock_timeout = '3s';
SET statement_timeout = '10s';

-- Not named users_role_not_null: PostgreSQL 18 gives that name to the NOT NULL constraint
-- itself. Dropped first so that a rerun after a partial failure starts clean.
ALTER TABLE "users" DROP CONSTRAINT IF EXISTS "users_role_not_null_check";
ALTER TABLE "users" ADD CONSTRAINT "users_role_not_null_check" CHECK ("role" IS NOT NULL) NOT VALID;

RESET statement_timeout;
RESET lock_timeout;
