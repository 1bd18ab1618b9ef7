-- Rolls back 20261124010000_add_user_role: drops users.role and its type: the previous
-- release never reads role, so it keeps working, but the roles given since are lost.
SET lock_timeout = '3s';
SET statement_timeout = '10s';
ALTER TABLE "users" DROP COLUMN IF EXISTS "role";
DROP TYPE IF EXISTS "user_role";
RESET statement_timeout;
RESET lock_timeout;
