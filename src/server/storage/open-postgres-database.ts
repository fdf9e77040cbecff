/**
 * A Samtal database on PostgreSQL 15+ (`pg`), shared by any number of server
 * processes. Every process keeps its own connection pool; every statement has
 * a time limit, so a stuck query cannot hold a connection for ever.
 */
import { readFileSync } from 'node:fs';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { migrationLockKey, purgeLockKey } from './advisory-lock-keys';
import type { CollectorTables } from './collector-tables';
import { DatabaseProblem } from './database-problem';
import { maintainEventPartitions } from './maintain-event-partitions';
import type {
  MigrationSession,
  PurgeSession,
  PurgeSessionResult,
  SamtalDatabase,
} from './samtal-database';

/** How the connection is protected (libpq's `sslmode` names). */
export type PostgresTls = 'disable' | 'require' | 'verify-full';

export interface PostgresOptions {
  /** Connections this process may hold (default 10). */
  poolSize?: number;
  /** Longest a statement may run before PostgreSQL cancels it, in ms (default 10,000). */
  statementTimeoutMs?: number;
  /**
   * `verify-full` checks the server's certificate and name, `require` only
   * encrypts, `disable` sends in clear. Default: `disable` for a server on
   * this machine (localhost, 127.0.0.1, ::1 or a socket), `verify-full` otherwise.
   */
  tls?: PostgresTls;
  /** A CA certificate file (PEM) to trust for `verify-full`, e.g. a managed service's bundle. */
  caFile?: string;
  onQuery?: (query: { sql: string; parameters: readonly unknown[] }) => void;
}

const int8 = 20;

/** `postgres://user:secret@host/db` → `postgres://user@host/db`: safe to print. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return 'the PostgreSQL URL (unparsable)';
  }
}

function isLocal(host: string): boolean {
  return host === '' || host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}

/** Is `location` a PostgreSQL URL rather than a file path? */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

const createMigrationsTable = `CREATE TABLE IF NOT EXISTS schema_migrations (
  name text PRIMARY KEY,
  applied_at bigint NOT NULL
)`;

/** See `SamtalDatabase.purgeSession`. */
async function purgeSession<T>(
  db: Kysely<CollectorTables>,
  work: (session: PurgeSession) => Promise<T>,
): Promise<PurgeSessionResult<T>> {
  // One connection for the lock and every statement under it: a session lock
  // belongs to its connection, and a pool of one could not lend a second.
  return db.connection().execute(async (connection): Promise<PurgeSessionResult<T>> => {
    const taken = await sql<{
      taken: boolean;
    }>`SELECT pg_try_advisory_lock(${purgeLockKey}) AS taken`.execute(connection);
    if (taken.rows[0]?.taken !== true) return { ran: false };
    const unlock = () => sql`SELECT pg_advisory_unlock(${purgeLockKey})`.execute(connection);
    try {
      const value = await work({
        db: connection,
        maintainEventPartitions: (keepFrom, now) =>
          maintainEventPartitions(connection, keepFrom, now),
      });
      await unlock();
      return { ran: true, value };
    } catch (error) {
      // Released before the error travels on. Only a broken connection fails
      // to unlock, and the lock ended with that session anyway.
      await unlock().catch(() => {});
      throw error;
    }
  });
}

/** Opens a pool to `url`; nothing connects until the first query. */
export function openPostgresDatabase(url: string, options: PostgresOptions = {}): SamtalDatabase {
  const { poolSize = 10, statementTimeoutMs = 10_000, onQuery } = options;
  const parsed = new URL(url);
  // sslmode in the URL would override what is set here; the setting is the one place for it.
  parsed.searchParams.delete('sslmode');
  const tls = options.tls ?? (isLocal(parsed.hostname) ? 'disable' : 'verify-full');
  const pool = new pg.Pool({
    connectionString: parsed.toString(),
    max: poolSize,
    statement_timeout: statementTimeoutMs,
    // A transaction left open by a crashed request must not hold locks for long.
    idle_in_transaction_session_timeout: statementTimeoutMs * 3,
    connectionTimeoutMillis: 10_000,
    application_name: 'samtal-server',
    ssl:
      tls === 'disable'
        ? false
        : {
            rejectUnauthorized: tls === 'verify-full',
            ...(options.caFile === undefined ? {} : { ca: readFileSync(options.caFile, 'utf8') }),
          },
    // Epoch milliseconds and counts are int8; they fit a double exactly, so read them as numbers.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === int8 && format !== 'binary'
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection that breaks (server restart) is replaced on next use; say nothing here.
  pool.on('error', () => {});
  const db = new Kysely<CollectorTables>({
    dialect: new PostgresDialect({ pool }),
    ...(onQuery === undefined
      ? {}
      : { log: (event) => (event.level === 'query' ? onQuery(event.query) : undefined) }),
  });

  return {
    dialect: 'postgres',
    db,
    label: withoutPassword(url),

    migrationSession(work) {
      return db.transaction().execute(async (trx) => {
        // Held until this transaction ends: a second process starting now waits, then finds nothing pending.
        await sql`SELECT pg_advisory_xact_lock(${migrationLockKey})`.execute(trx);
        const session: MigrationSession = {
          async appliedNames() {
            await sql.raw(createMigrationsTable).execute(trx);
            const rows = await sql<{ name: string }>`SELECT name FROM schema_migrations`.execute(
              trx,
            );
            return rows.rows.map((row) => String(row.name));
          },
          async run(sqlText) {
            // No parameters: pg sends it as a simple query, which may hold several statements.
            await sql.raw(sqlText).execute(trx);
          },
          async record(name, appliedAt) {
            await sql`INSERT INTO schema_migrations (name, applied_at) VALUES (${name}, ${appliedAt})`.execute(
              trx,
            );
          },
        };
        return work(session);
      });
    },

    // Deleted rows stay in PostgreSQL's files until (auto)vacuum reclaims their
    // space; a VACUUM per erasure would cost far more than it is worth here.
    // The README says how to vacuum at once when that is required.
    async afterDelete() {},

    maintainEventPartitions: (keepFrom, now) => maintainEventPartitions(db, keepFrom, now),

    purgeSession: (work) => purgeSession(db, work),

    async ping() {
      await sql`SELECT count(*) FROM schema_migrations`.execute(db);
    },

    async close() {
      await db.destroy();
    },
  };
}

/** The operator's message for what connecting or migrating met, or null when it is not about the setting. */
export function explainPostgresError(error: unknown, url: string): DatabaseProblem | null {
  const code =
    typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const message = error instanceof Error ? error.message : String(error);
  const where = withoutPassword(url);
  if (
    code === 'ECONNREFUSED' ||
    code === 'ENOTFOUND' ||
    code === 'ETIMEDOUT' ||
    code === 'EHOSTUNREACH'
  ) {
    return new DatabaseProblem(
      `Cannot reach PostgreSQL at ${where} (${code}): check that it runs, and the host and port in --db.`,
    );
  }
  if (code === '28P01' || code === '28000') {
    return new DatabaseProblem(
      `PostgreSQL at ${where} refused the login (${message}): check the user and password in --db.`,
    );
  }
  if (code === '3D000') {
    return new DatabaseProblem(
      `${message} at ${where}: create it first (createdb), or fix the name in --db.`,
    );
  }
  if (code === '42501') {
    return new DatabaseProblem(
      `The PostgreSQL user in ${where} may not change the schema (${message}): grant it CREATE on the database, or run samtal-server migrate once as the owner.`,
    );
  }
  if (/SSL|certificate|self[- ]signed/i.test(message)) {
    return new DatabaseProblem(
      `The TLS connection to ${where} failed (${message}): set --db-tls (verify-full, require, disable) and, for a private CA, --db-ca FILE.`,
    );
  }
  return null;
}
