/**
 * Opens the database the `database` setting names and brings its schema up
 * to date, so every caller (the server, each command) meets the same shape.
 */
import { explainSqliteError } from './explain-sqlite-error';
import { migrate } from './migrate';
import { type Durability, openSqliteDatabase } from './open-sqlite-database';
import type { Migration } from './read-migrations';
import type { SamtalDatabase } from './samtal-database';

export interface OpenDatabaseOptions {
  durability?: Durability;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  migrations?: readonly Migration[];
  now?: () => number;
  /** Told the names of the migrations this open applied (empty when the schema was current). */
  onMigrated?: (applied: string[]) => void;
}

/**
 * Opens `location` (a file path, or `:memory:`) and migrates it.
 *
 * @throws DatabaseProblem when it cannot be used as it is (newer than this code, a migration failed).
 */
export async function openDatabase(
  location: string,
  options: OpenDatabaseOptions = {},
): Promise<SamtalDatabase> {
  let database: SamtalDatabase | null = null;
  try {
    database = openSqliteDatabase(location, {
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
    throw explainSqliteError(error, location) ?? error;
  }
}
