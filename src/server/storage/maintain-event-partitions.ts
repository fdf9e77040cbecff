/**
 * Monthly partitions of `events` on PostgreSQL (migration 0002): created
 * ahead of the month they hold, dropped whole once retention has passed them,
 * so expiring a month of telemetry is one `DROP TABLE`, not millions of row
 * deletes. PostgreSQL-only SQL, because SQLite has no partitions.
 */
import { type Kysely, sql } from 'kysely';
import { partitionLockKey } from './advisory-lock-keys';
import type { CollectorTables } from './collector-tables';

/** UTC start of the month `offset` months after the one holding `ms`. */
function monthStart(ms: number, offset = 0): number {
  const date = new Date(ms);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + offset, 1);
}

/** `events_y2026m02` for the month starting at `ms`. */
function partitionName(ms: number): string {
  const date = new Date(ms);
  return `events_y${date.getUTCFullYear()}m${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

const namePattern = /^events_y(\d{4})m(\d{2})$/;

/** See `SamtalDatabase.maintainEventPartitions`. */
export async function maintainEventPartitions(
  db: Kysely<CollectorTables>,
  keepFrom: number,
  now: number,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${partitionLockKey})`.execute(trx);
    const listed = await sql<{ name: string }>`
      SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = 'events'::regclass`.execute(trx);
    const existing = new Map<string, number>();
    for (const { name } of listed.rows) {
      const match = namePattern.exec(name);
      if (match) existing.set(name, Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
    }

    const expired = [...existing].filter(([, start]) => monthStart(start, 1) <= keepFrom);
    const missing: number[] = [];
    for (
      let start = monthStart(keepFrom);
      start <= monthStart(now, 2);
      start = monthStart(start, 1)
    ) {
      if (!existing.has(partitionName(start))) missing.push(start);
    }
    if (expired.length === 0 && missing.length === 0) return 0;
    // Creating or dropping a partition locks `events` whole (ACCESS EXCLUSIVE).
    // Taken first, before any row moves: a request's statement already running
    // on `events` (an erasure, a retried batch) that then waited for a row this
    // transaction moved would otherwise deadlock with it. Requests wait for the
    // upkeep instead, which is rare (a month's change) and short.
    await sql`LOCK TABLE events IN ACCESS EXCLUSIVE MODE`.execute(trx);

    let dropped = 0;
    for (const [name] of expired) {
      const counted = await sql<{
        n: number;
      }>`SELECT count(*) AS n FROM ${sql.table(name)}`.execute(trx);
      dropped += Number(counted.rows[0]?.n ?? 0);
      await sql`DROP TABLE ${sql.table(name)}`.execute(trx);
    }

    for (const start of missing) {
      const name = partitionName(start);
      const end = monthStart(start, 1);
      // Rows of this month already in the default partition (stamped by a
      // clock running ahead, or retention was lengthened) would make the new
      // partition fail: they move into it, within this transaction.
      await sql`CREATE TEMPORARY TABLE IF NOT EXISTS events_moving (LIKE events) ON COMMIT DROP`.execute(
        trx,
      );
      await sql`WITH moved AS (
          DELETE FROM events_default WHERE occurred_at >= ${start} AND occurred_at < ${end} RETURNING *)
        INSERT INTO events_moving SELECT * FROM moved`.execute(trx);
      await sql`CREATE TABLE ${sql.table(name)} PARTITION OF events FOR VALUES FROM (${sql.lit(start)}) TO (${sql.lit(end)})`.execute(
        trx,
      );
      await sql`INSERT INTO events SELECT * FROM events_moving`.execute(trx);
      await sql`DELETE FROM events_moving`.execute(trx);
    }
    return dropped;
  });
}
