-- Rolls back 20261206130451_add_auth: every session, password and pending token is lost, and
-- users.email_verified with it (everyone must verify again after a re-apply). The previous
-- release never reads any of it.
SET lock_timeout = '3s';
SET statement_timeout = '10s';
DROP TABLE IF EXISTS "sessions";
DROP TABLE IF EXISTS "accounts";
DROP TABLE IF EXISTS "verifications";
ALTER TABLE "users" DROP COLUMN IF EXISTS "email_verified";
ALTER TABLE "users" DROP COLUMN IF EXISTS "image";
ALTER TABLE "users" DROP COLUMN IF EXISTS "updated_at";
RESET statement_timeout;
RESET lock_timeout;
