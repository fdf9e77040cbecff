/**
 * Copies one Samtal database into another: SQLite into PostgreSQL when a site
 * outgrows one file (`samtal-server copy`), or back. Table by table, in
 * primary-key order, one page per statement; every row keeps its key, and a
 * row the target already holds is skipped (`ON CONFLICT DO NOTHING`). So a
 * copy that stopped half-way is finished by running it again, and a second
 * run adds nothing. The rows go through Kysely; only reading the schema
 * (which tables, which key) is engine-specific, because each engine keeps its
 * catalogue differently.
 */
import { type Kysely, sql } from 'kysely';
import { DatabaseProblem } from './database-problem';
import type { SamtalDatabase } from './samtal-database';

/** Any table, any column: the copy moves rows it does not interpret. */
type AnyTables = Record<string, Record<string, unknown>>;

export interface CopiedTable {
  table: string;
  /** Rows read from the source. */
  read: number;
  /** Rows the target did not hold yet and now does. */
  copied: number;
}

export interface CopyOptions {
  /** Rows read per page (default 1,000); written in as few statements as the engine's parameter limit allows. */
  pageRows?: number;
  /** Stops the copy between two pages (what was written stays; run it again to finish). */
  signal?: AbortSignal;
  /** Told after every page. */
  onPage?: (progress: CopiedTable) => void;
  /**
   * Epoch ms from which events are kept (retention). On PostgreSQL the monthly
   * partitions from there to two months ahead are made before events arrive,
   * so copied events land in their month's partition, not the default one.
   */
  eventsKeepFrom: number;
  now?: () => number;
}

/** Bound parameters one statement may carry: SQLite allows 32,766, PostgreSQL 65,535. */
const maxParameters = 30_000;

function anyTables(database: SamtalDatabase): Kysely<AnyTables> {
  return database.db.withTables<AnyTables>() as unknown as Kysely<AnyTables>;
}

/** The database's own tables (not partitions, not the engine's), without `schema_migrations`. */
async function listTables(database: SamtalDatabase): Promise<string[]> {
  const db = anyTables(database);
  const rows =
    database.dialect === 'sqlite'
      ? await sql<{ name: string }>`
          SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`.execute(
          db,
        )
      : // current_schema(): the schema the URL's search_path names, as every query of the server uses.
        await sql<{ name: string }>`
          SELECT c.relname AS name FROM pg_class c
          WHERE c.relnamespace = current_schema()::regnamespace
            AND c.relkind IN ('r', 'p') AND NOT c.relispartition`.execute(db);
  return rows.rows
    .map((row) => String(row.name))
    .filter((name) => name !== 'schema_migrations')
    .sort();
}

/** The primary key's columns, in key order. */
async function primaryKey(database: SamtalDatabase, table: string): Promise<string[]> {
  const db = anyTables(database);
  const rows =
    database.dialect === 'sqlite'
      ? await sql<{ name: string }>`
          SELECT name FROM pragma_table_info(${table}) WHERE pk > 0 ORDER BY pk`.execute(db)
      : await sql<{ name: string }>`
          SELECT a.attname AS name FROM pg_index i
          JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
          WHERE i.indrelid = to_regclass(${table}) AND i.indisprimary
          ORDER BY array_position(i.indkey::int2[], a.attnum)`.execute(db);
  return rows.rows.map((row) => String(row.name));
}

/** PostgreSQL columns of `table` of type `type` (`jsonb`) or that are identities (`identity`). */
async function postgresColumns(
  database: SamtalDatabase,
  table: string,
  kind: 'jsonb' | 'identity',
): Promise<string[]> {
  if (database.dialect !== 'postgres') return [];
  const rows = await sql<{ name: string }>`
    SELECT column_name AS name FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = ${table}
      AND ${kind === 'jsonb' ? sql`data_type = 'jsonb'` : sql`is_identity = 'YES'`}`.execute(
    anyTables(database),
  );
  return rows.rows.map((row) => String(row.name));
}

async function appliedMigrations(database: SamtalDatabase): Promise<string[]> {
  const rows = await anyTables(database)
    .selectFrom('schema_migrations')
    .select('name')
    .orderBy('name')
    .execute();
  return rows.map((row) => String(row.name));
}

/**
 * Copies every table of `source` into `target`. Both must be at the same
 * schema version (open both with migrations on).
 *
 * @throws DatabaseProblem when their schemas differ.
 * @throws the signal's reason when aborted.
 */
export async function copyDatabase(
  source: SamtalDatabase,
  target: SamtalDatabase,
  options: CopyOptions,
): Promise<CopiedTable[]> {
  const { signal, onPage, eventsKeepFrom, now = Date.now } = options;
  const [sourceVersion, targetVersion] = await Promise.all([
    appliedMigrations(source),
    appliedMigrations(target),
  ]);
  if (sourceVersion.join() !== targetVersion.join()) {
    throw new DatabaseProblem(
      `${source.label} and ${target.label} are at different schema versions: run samtal-server migrate on both with this version first.`,
    );
  }
  const tables = await listTables(source);
  const targetTables = new Set(await listTables(target));
  const missing = tables.filter((table) => !targetTables.has(table));
  if (missing.length > 0) {
    throw new DatabaseProblem(
      `${target.label} has no table ${missing.join(', ')}, which ${source.label} has: both must come from the same samtal-server version.`,
    );
  }
  await target.maintainEventPartitions(eventsKeepFrom, now());

  const from = anyTables(source);
  const to = anyTables(target);
  const copied: CopiedTable[] = [];
  for (const table of tables) {
    const key = await primaryKey(source, table);
    if (key.length === 0) {
      throw new DatabaseProblem(`The table ${table} in ${source.label} has no primary key.`);
    }
    // PostgreSQL hands jsonb back parsed; SQLite keeps JSON as text.
    const jsonColumns = new Set(
      target.dialect === 'sqlite' ? await postgresColumns(source, table, 'jsonb') : [],
    );
    const toTarget = (row: Record<string, unknown>): Record<string, unknown> =>
      target.dialect === 'postgres'
        ? row
        : Object.fromEntries(
            Object.entries(row).map(([column, value]) => [
              column,
              jsonColumns.has(column) && value !== null
                ? JSON.stringify(value)
                : typeof value === 'boolean'
                  ? Number(value)
                  : value,
            ]),
          );
    const progress: CopiedTable = { table, read: 0, copied: 0 };
    let after: unknown[] | null = null;
    const pageRows = options.pageRows ?? 1_000;
    for (;;) {
      signal?.throwIfAborted();
      const last = after;
      const rows: Record<string, unknown>[] = await from
        .selectFrom(table)
        .selectAll()
        .$if(last !== null, (query) =>
          // A row value comparison, which both engines answer from the key's index.
          query.where(
            sql<boolean>`(${sql.join(key.map((column) => sql.ref(column)))}) > (${sql.join(last ?? [])})`,
          ),
        )
        .$call((query) => key.reduce((ordered, column) => ordered.orderBy(column), query))
        .limit(pageRows)
        .execute();
      const lastRow = rows.at(-1);
      if (lastRow === undefined) break;
      const chunkRows = Math.max(1, Math.floor(maxParameters / Object.keys(lastRow).length));
      for (let start = 0; start < rows.length; start += chunkRows) {
        const result = await to
          .insertInto(table)
          .values(rows.slice(start, start + chunkRows).map(toTarget))
          .onConflict((conflict) => conflict.doNothing())
          .executeTakeFirst();
        progress.copied += Number(result.numInsertedOrUpdatedRows ?? 0n);
      }
      progress.read += rows.length;
      onPage?.({ ...progress });
      after = key.map((column) => lastRow[column]);
      if (rows.length < pageRows) break;
    }
    // The server numbers new rows after the largest copied key, not from 1 again.
    for (const column of await postgresColumns(target, table, 'identity')) {
      // Never backwards either: numbers the server already handed out stay used.
      await sql`SELECT setval(sequence, greatest(
          (SELECT coalesce(max(${sql.ref(column)}), 0) FROM ${sql.table(table)}),
          coalesce(pg_sequence_last_value(sequence), 0), 1))
        FROM (SELECT pg_get_serial_sequence(${table}, ${column})::regclass AS sequence) AS s`.execute(
        to,
      );
    }
    copied.push(progress);
  }
  return copied;
}
