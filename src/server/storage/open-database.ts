/**
 * Opens the database the `database` setting names and brings its schema up
 * to date, so every caller (the server, each command) meets the same shape.
 */
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
  const database = openSqliteDatabase(location, {
    ...(options.durability === undefined ? {} : { durability: options.durability }),
  });
  if (options.migrate !== false) {
    try {
      await migrate(database, {
        ...(options.migrations === undefined ? {} : { migrations: options.migrations }),
        ...(options.now === undefined ? {} : { now: options.now }),
      });
    } catch (error) {
      await database.close();
      throw error;
    }
  }
  return database;
}
