-- Rolls back 20261124020000_check_user_role_not_null: NULL roles are allowed again.
SET lock_timeout = '3s';
SET statement_timeout = '10s';
ALTER TABLE "users" DROP CONSTRAINT IF EXISTS "users_role_not_null_check";
RESET statement_timeout;
RESET lock_timeout;
