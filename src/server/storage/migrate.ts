/**
 * Brings a database's schema up to this code's migrations. Applied names are
 * recorded in `schema_migrations`; any migration not yet recorded runs, in
 * name order, whatever order branches landed them in. A database that has
 * applied a migration this code does not know was migrated by a newer
 * version, and is refused rather than written with an older idea of its shape.
 */
import { DatabaseProblem } from './database-problem';
import { type Migration, readMigrations } from './read-migrations';
import type { SamtalDatabase } from './samtal-database';

export interface MigrateOptions {
  /** The migrations to apply; those in the package by default. */
  migrations?: readonly Migration[];
  now?: () => number;
}

/**
 * Applies every pending migration in one transaction and returns their names
 * (empty when the schema was already current).
 *
 * @throws DatabaseProblem when the database is newer than this code.
 */
export async function migrate(
  database: SamtalDatabase,
  { migrations = readMigrations(), now = Date.now }: MigrateOptions = {},
): Promise<string[]> {
  return database.migrationSession(async (session) => {
    const applied = new Set(await session.appliedNames());
    const known = new Set(migrations.map((migration) => migration.name));
    const unknown = [...applied].filter((name) => !known.has(name)).sort();
    if (unknown.length > 0) {
      throw new DatabaseProblem(
        `The database ${database.label} was migrated by a newer samtal-server: it has ${unknown.join(', ')}, which this version does not know. Run the newer samtal-server, or restore a backup taken before the upgrade.`,
      );
    }
    const pending = migrations.filter((migration) => !applied.has(migration.name));
    for (const migration of pending) {
      try {
        await session.run(migration.sql[database.dialect]);
      } catch (error) {
        throw new DatabaseProblem(
          `The migration ${migration.name} failed on ${database.label}: ${(error as Error).message}. Nothing of this run was applied.`,
        );
      }
      await session.record(migration.name, now());
    }
    return pending.map((migration) => migration.name);
  });
}
