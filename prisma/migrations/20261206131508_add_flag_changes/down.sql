-- Rolls back 20261206131508_add_flag_changes: the audit trail of flag switches is lost (the
-- flags themselves are untouched). The previous release never reads it.
SET lock_timeout = '3s';
SET statement_timeout = '10s';
DROP TABLE IF EXISTS "flag_changes";
DROP TYPE IF EXISTS "flag_change_source";
RESET statement_timeout;
RESET lock_timeout;
