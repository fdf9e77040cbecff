/**
 * The PostgreSQL advisory lock keys Samtal takes: bigints in the one 64-bit
 * space every application on the database shares, hence fixed, unlikely
 * numbers. In `pg_locks` (`locktype = 'advisory'`, `objsubid = 1`) a key shows
 * as `classid` (high 32 bits, 1) and `objid` (low 32 bits: 3060641005 for …301).
 * Rules: www.postgresql.org/docs/15/explicit-locking.html#ADVISORY-LOCKS.
 */

/** Transaction-scoped while one process applies migrations; the others wait for it. */
export const migrationLockKey = 7_355_608_301;

/** Transaction-scoped while one process creates or drops monthly events partitions; the others wait. */
export const partitionLockKey = 7_355_608_302;

/**
 * Session-scoped (`pg_try_advisory_lock`) for a whole retention purge; a
 * process that finds it taken skips that round: the holder is deleting the
 * same rows.
 */
export const purgeLockKey = 7_355_608_303;
