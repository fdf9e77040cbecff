/**
 * The handle the console's stores query through: the collector's tables and
 * the console's own, in whichever engine holds them.
 */
import type { Kysely } from 'kysely';
import type { CollectorTables } from '../../storage/collector-tables';
import type { SamtalDatabase } from '../../storage/samtal-database';
import type { ConsoleTables } from './console-tables';

export type ConsoleKysely = Kysely<CollectorTables & ConsoleTables>;

export interface ConsoleDatabase {
  db: ConsoleKysely;
  dialect: 'sqlite' | 'postgres';
}

/** JSON columns come back as text from SQLite and parsed from PostgreSQL's jsonb. */
export function readJson(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

/** The server's database seen with the console's tables as well. */
export function consoleDatabase(database: SamtalDatabase): ConsoleDatabase {
  return { db: database.db.withTables<ConsoleTables>(), dialect: database.dialect };
}
