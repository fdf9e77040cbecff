/**
 * The handle the console's stores query through: the collector's tables and
 * the console's own, in whichever engine holds them.
 */
import type { Kysely } from 'kysely';
import type { CollectorTables } from '../../storage/collector-tables';
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
