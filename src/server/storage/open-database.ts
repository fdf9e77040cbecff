/**
 * Opens the database the `database` setting names and brings its schema up
 * to date, so every caller (the server, each command) meets the same shape.
 */

import type { ServerConfig } from '../server-config';
import { explainSqliteError } from './explain-sqlite-error';
import { migrate } from './migrate';
import {
  explainPostgresError,
  isPostgresUrl,
  openPostgresDatabase,
  type PostgresOptions,
} from './open-postgres-database';
import { type Durability, openSqliteDatabase } from './open-sqlite-database';
import type { Migration } from './read-migrations';
import type { SamtalDatabase } from './samtal-database';

export interface OpenDatabaseOptions {
  /** SQLite only. */
  durability?: Durability;
  /** PostgreSQL only: pool, TLS, statement timeout. */
  postgres?: PostgresOptions;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  migrations?: readonly Migration[];
  now?: () => number;
  /** Told the names of the migrations this open applied (empty when the schema was current). */
  onMigrated?: (applied: string[]) => void;
}

/**
 * Opens `location` (a SQLite file path, `:memory:`, or a `postgres://` URL) and migrates it.
 *
 * @throws DatabaseProblem when it cannot be used as it is (newer than this code, a migration failed).
 */
export async function openDatabase(
  location: string,
  options: OpenDatabaseOptions = {},
): Promise<SamtalDatabase> {
  let database: SamtalDatabase | null = null;
  try {
    database = isPostgresUrl(location)
      ? openPostgresDatabase(location, options.postgres)
      : openSqliteDatabase(location, {
          ...(options.durability === undefined ? {} : { durability: options.durability }),
        });
    // Migrating takes the write lock even when nothing is pending, so a file
    // this process cannot write is found here, at start, not at the first request.
    if (options.migrate !== false) {
      const applied = await migrate(database, {
        ...(options.migrations === undefined ? {} : { migrations: options.migrations }),
        ...(options.now === undefined ? {} : { now: options.now }),
      });
      options.onMigrated?.(applied);
    }
    return database;
  } catch (error) {
    await database?.close().catch(() => {});
    throw (
      (isPostgresUrl(location)
        ? explainPostgresError(error, location)
        : explainSqliteError(error, location)) ?? error
    );
  }
}

/** The open options the server's settings give. */
export function databaseOptions(
  config: Pick<ServerConfig, 'durability' | 'postgres'>,
): OpenDatabaseOptions {
  const { tls, caFile, poolSize, statementTimeoutMs } = config.postgres;
  return {
    durability: config.durability,
    postgres: {
      poolSize,
      statementTimeoutMs,
      ...(tls === undefined ? {} : { tls }),
      ...(caFile === undefined ? {} : { caFile }),
    },
  };
}
