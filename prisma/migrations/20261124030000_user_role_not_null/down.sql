-- Rolls back 20261124030000_user_role_not_null: role may be NULL again, still guarded by
-- the NOT VALID check of the migration before, as it was.
SET lock_timeout = '3s';
SET statement_timeout = '10s';
ALTER TABLE "users" ALTER COLUMN "role" DROP NOT NULL;
ALTER TABLE "users" DROP CONSTRAINT IF EXISTS "users_role_not_null_check";
ALTER TABLE "users" ADD CONSTRAINT "users_role_not_null_check" CHECK ("role" IS NOT NULL) NOT VALID;
RESET statement_timeout;
RESET lock_timeout;
