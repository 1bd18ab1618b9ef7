-- Rolls back 20261124000000_init: removes every table the first migration created, and
-- their data. Only for a database that holds nothing worth keeping.
SET lock_timeout = '5s';
DROP TABLE IF EXISTS "comments";
DROP TABLE IF EXISTS "posts";
DROP TABLE IF EXISTS "users";
DROP TABLE IF EXISTS "feature_flags";
DROP TABLE IF EXISTS "app_settings";
DROP EXTENSION IF EXISTS pg_trgm;
RESET lock_timeout;
