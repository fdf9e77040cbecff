/**
 * A Samtal database in one SQLite file (better-sqlite3), in WAL mode so
 * exports and stats read while requests write. Kysely runs every query on the
 * one connection, one at a time; a batch is one short transaction.
 */
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { CollectorTables } from './collector-tables';
import type { MigrationSession, SamtalDatabase } from './samtal-database';

/** How hard a commit is pushed to disk. */
export type Durability = 'full' | 'normal';

export interface SqliteOptions {
  /**
   * `full` (default) syncs the log on every commit, so an acknowledged request
   * survives a power cut; `normal` survives a crash of the process but may
   * lose the last commits on power loss, and is faster.
   */
  durability?: Durability;
  /** Told every statement Kysely runs, for tests and debugging. */
  onQuery?: (query: { sql: string; parameters: readonly unknown[] }) => void;
}

const createMigrationsTable = `CREATE TABLE IF NOT EXISTS schema_migrations (
  name TEXT PRIMARY KEY,
  applied_at INTEGER NOT NULL
)`;

/** Opens (creating when missing) the SQLite file at `path`; `:memory:` for a throwaway one. */
export function openSqliteDatabase(path: string, options: SqliteOptions = {}): SamtalDatabase {
  const { durability = 'full', onQuery } = options;
  const handle = new Database(path);
  handle.pragma('journal_mode = WAL');
  handle.pragma(`synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`);
  // A second process (the CLI next to a running server) waits instead of failing at once.
  handle.pragma('busy_timeout = 5000');
  // Deleted rows are overwritten with zeros, not just unlinked, so erased text
  // cannot be read back from the file (GDPR art. 17).
  handle.pragma('secure_delete = ON');
  // Fresh planner statistics where they are stale, bounded in time, as SQLite
  // advises on every open (sqlite.org/lang_analyze.html, "Recommended usage").
  handle.pragma('analysis_limit = 400');
  handle.pragma('optimize = 0x10002');
  const db = new Kysely<CollectorTables>({
    dialect: new SqliteDialect({ database: handle }),
    ...(onQuery === undefined
      ? {}
      : { log: (event) => (event.level === 'query' ? onQuery(event.query) : undefined) }),
  });

  return {
    dialect: 'sqlite',
    db,
    label: path === ':memory:' ? path : resolve(path),

    migrationSession(work) {
      // One connection: hold it so nothing else runs inside the migration's transaction.
      return db.connection().execute(async (connection) => {
        // IMMEDIATE takes the write lock at once, so two processes starting on
        // one file migrate one after the other instead of both reading "pending".
        await sql`BEGIN IMMEDIATE`.execute(connection);
        try {
          const session: MigrationSession = {
            async appliedNames() {
              await sql.raw(createMigrationsTable).execute(connection);
              const rows = await sql<{ name: string }>`SELECT name FROM schema_migrations`.execute(
                connection,
              );
              const names = rows.rows.map((row) => String(row.name));
              // Files from before this table counted their schema in user_version;
              // version 1 was migration 0001-initial.
              if (
                names.length === 0 &&
                Number(handle.pragma('user_version', { simple: true })) >= 1
              ) {
                await sql`INSERT INTO schema_migrations (name, applied_at) VALUES ('0001-initial', 0)`.execute(
                  connection,
                );
                names.push('0001-initial');
              }
              return names;
            },
            async run(sqlText) {
              // Several statements in one text: better-sqlite3's exec, on the same
              // connection and inside the transaction begun above.
              handle.exec(sqlText);
            },
            async record(name, appliedAt) {
              await sql`INSERT INTO schema_migrations (name, applied_at) VALUES (${name}, ${appliedAt})`.execute(
                connection,
              );
            },
          };
          const result = await work(session);
          await sql`COMMIT`.execute(connection);
          return result;
        } catch (error) {
          if (handle.inTransaction) handle.exec('ROLLBACK');
          throw error;
        }
      });
    },

    async afterDelete() {
      // TRUNCATE: copy the log into the (zeroed) file and cut the log to nothing,
      // so the pages from before the delete are gone from both.
      await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
    },

    async maintainEventPartitions() {
      return 0;
    },

    async purgeSession(work) {
      // One connection per process; across processes every batch is its own
      // write transaction, which the file lock and busy_timeout serialise.
      return { ran: true, value: await work({ db, maintainEventPartitions: async () => 0 }) };
    },

    async ping() {
      await sql`SELECT count(*) FROM schema_migrations`.execute(db);
    },

    async close() {
      await db.destroy();
    },
  };
}
