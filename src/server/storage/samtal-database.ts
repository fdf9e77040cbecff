/**
 * An open Samtal database, whichever engine holds it. Queries go through
 * `db` (Kysely), written once for both engines; the few things that truly
 * differ between SQLite and PostgreSQL sit behind the other members.
 */
import type { Kysely } from 'kysely';
import type { CollectorTables } from './collector-tables';
import type { Dialect } from './read-migrations';

/** What a migration run may do inside its one transaction. */
export interface MigrationSession {
  /** Names of the migrations this database has already applied. */
  appliedNames(): Promise<string[]>;
  /** Runs one migration's SQL text (several statements) in the session's transaction. */
  run(sqlText: string): Promise<void>;
  /** Records that `name` was applied at `appliedAt` (epoch ms). */
  record(name: string, appliedAt: number): Promise<void>;
}

/** What a purge may do while it is the only one on the database. */
export interface PurgeSession {
  /** The query builder on the connection that holds the purge lock. */
  readonly db: Kysely<CollectorTables>;
  /** `SamtalDatabase.maintainEventPartitions`, on that connection. */
  maintainEventPartitions(keepFrom: number, now: number): Promise<number>;
}

/** `work`'s result, or that another process was purging and this round did nothing. */
export type PurgeSessionResult<T> = { ran: true; value: T } | { ran: false };

export interface SamtalDatabase {
  readonly dialect: Dialect;
  /** The query builder over the collector's tables; widen it with `db.withTables<T>()`. */
  readonly db: Kysely<CollectorTables>;
  /** Where the database is, safe to print: a file path, or a URL without its password. */
  readonly label: string;
  /**
   * Runs `work` in one transaction that no other process migrates alongside
   * (SQLite: `BEGIN IMMEDIATE`; PostgreSQL: a transaction-scoped advisory
   * lock). Everything it applies commits together or not at all.
   */
  migrationSession<T>(work: (session: MigrationSession) => Promise<T>): Promise<T>;
  /**
   * Called after rows holding personal data were deleted (erasure, purge):
   * leaves no copy of them readable in the database's files where the engine
   * allows it. SQLite zeroes deleted content (`secure_delete`) and this moves
   * the log into the file and truncates it; PostgreSQL reuses the space when
   * autovacuum runs (see the README on erasure).
   */
  afterDelete(): Promise<void>;
  /**
   * Retention's part that only PostgreSQL has: makes sure a monthly events
   * partition exists from the month of `keepFrom` to two months after `now`,
   * and drops every partition that ends at or before `keepFrom`, returning how
   * many events went with them. When there is any such work it locks `events`
   * whole first (ACCESS EXCLUSIVE, until it commits). SQLite has no
   * partitions: it does nothing.
   */
  maintainEventPartitions(keepFrom: number, now: number): Promise<number>;
  /**
   * Runs `work` as the only retention purge on this database, across every
   * process using it, or not at all. Two purges at once (processes started
   * together) would delete the same rows and lock them in different orders.
   * PostgreSQL: `pg_try_advisory_lock(purgeLockKey)` (advisory-lock-keys.ts)
   * on one pooled connection, held for the whole run and released after it
   * (or when the connection ends); when another process holds it, resolves
   * `{ ran: false }` at once without waiting or logging. SQLite: always runs;
   * the file's write lock and `busy_timeout` put two processes' batches one
   * after the other.
   * @throws whatever `work` throws, after the lock is released.
   */
  purgeSession<T>(work: (session: PurgeSession) => Promise<T>): Promise<PurgeSessionResult<T>>;
  /** Resolves when the database answers a query on its schema; rejects otherwise (for `/healthz`). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
