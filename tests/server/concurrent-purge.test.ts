/**
 * Two server processes starting together on one database both purge at
 * start-up (issue #13): with a large expired backlog their batched deletes and
 * partition maintenance overlap. Neither may fail (PostgreSQL deadlock or
 * lock timeout, SQLite SQLITE_BUSY), everything past retention must go, and
 * nothing inside it may. Real processes, the real clock, both engines.
 */
import { type Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { monthsBefore } from '../../src/server/retention-cutoffs';
import { purgeLockKey } from '../../src/server/storage/advisory-lock-keys';
import type { CollectorTables } from '../../src/server/storage/collector-tables';
import { createCollectorStorage } from '../../src/server/storage/create-collector-storage';
import { openDatabase } from '../../src/server/storage/open-database';
import type { SamtalDatabase } from '../../src/server/storage/samtal-database';
import { site } from './payloads';
import { useSpawnedServers } from './spawn-server';
import { createTestDatabase, storeKind, type TestDatabase } from './test-database';

const hour = 3_600_000;
const day = 24 * hour;
/** A row this far inside retention is kept whatever second each process reads the clock. */
const margin = day;
/** The purge's rule for events from a clock running ahead (see create-collector-storage.ts). */
const aheadMs = day;

/** Rows an insert statement carries, well under both engines' parameter limits. */
const insertChunk = 500;

async function insertInChunks<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let start = 0; start < rows.length; start += insertChunk) {
    await insert(rows.slice(start, start + insertChunk));
  }
}

/** `count` times spread evenly over [from, to). */
function spread(count: number, from: number, to: number): number[] {
  return Array.from({ length: count }, (_, index) =>
    Math.floor(from + ((to - from) * index) / count),
  );
}

function eventRow(occurredAt: number, receivedAt: number) {
  return {
    site,
    id: crypto.randomUUID(),
    visitor_id: crypto.randomUUID(),
    consent_id: crypto.randomUUID(),
    type: 'page_view',
    at: new Date(occurredAt).toISOString(),
    ip_prefix: null,
    received_at: receivedAt,
    payload: JSON.stringify({ type: 'page_view' }),
    occurred_at: occurredAt,
  };
}

/**
 * Rows of every kind the purge handles: expired (before `expiredBefore`),
 * kept (from `keptFrom` + margin on), and when a second process keeps less,
 * rows only it would delete, in months no partition holds yet.
 */
async function fillBacklog(
  db: Kysely<CollectorTables>,
  { expiredBefore, keptFrom, now }: { expiredBefore: number; keptFrom: number; now: number },
) {
  const between = keptFrom - expiredBefore > 2 * margin;
  const events = [
    // Long past: the default partition on PostgreSQL (no month partition that old).
    ...spread(6_000, Date.parse('2024-02-01'), Date.parse('2024-03-01')).map((t) => eventRow(t, t)),
    // The weeks before the cutoff: partly in the cutoff's own month, whose
    // partition the first purge creates (moving these rows into it).
    ...spread(6_000, expiredBefore - 40 * day, expiredBefore - hour).map((t) => eventRow(t, t)),
    // Stamped by a clock running ahead, received long ago: go by when received.
    ...spread(500, expiredBefore - 20 * day, expiredBefore - hour).map((t) =>
      eventRow(t + 40 * day, t),
    ),
    ...(between
      ? spread(6_000, expiredBefore + margin, keptFrom - margin).map((t) => eventRow(t, t))
      : []),
    // Kept: just inside retention, recent, and from a clock running ahead now.
    ...spread(1_000, keptFrom + margin, keptFrom + 20 * day).map((t) => eventRow(t, t)),
    ...spread(500, now - day, now - hour).map((t) => eventRow(t, t)),
    ...spread(200, now - hour, now).map((t) => eventRow(t + 30 * day, t)),
  ];
  await insertInChunks(events, (chunk) => db.insertInto('events').values(chunk).execute());

  const timed = [
    ...spread(6_000, expiredBefore - 400 * day, expiredBefore - hour),
    ...(between ? spread(1_000, expiredBefore + margin, keptFrom - margin) : []),
    ...spread(300, keptFrom + margin, now),
  ];
  await insertInChunks(timed, (chunk) =>
    db
      .insertInto('leads')
      .values(
        chunk.map((t) => ({
          site,
          id: crypto.randomUUID(),
          submitted_at: new Date(t).toISOString(),
          consent_id: null,
          fields: JSON.stringify({ email: 'anna@example.se' }),
          received_at: t,
          last_contact_at: t,
        })),
      )
      .execute(),
  );
  await insertInChunks(timed, (chunk) =>
    db
      .insertInto('conversation_messages')
      .values(
        chunk.map((t) => ({
          site,
          message_id: crypto.randomUUID(),
          conversation_id: crypto.randomUUID(),
          sender: 'visitor' as const,
          text: 'Hej',
          received_at: t,
        })),
      )
      .execute(),
  );
  await insertInChunks(timed, (chunk) =>
    db
      .insertInto('consent_receipts')
      .values(
        chunk.map((t) => ({
          site,
          id: crypto.randomUUID(),
          policy_version: '2026-01',
          analytics: 1,
          marketing: 0,
          decided_at: new Date(t).toISOString(),
          method: 'banner',
          locale: 'sv',
          text_hash: 'a'.repeat(64),
          received_at: t,
        })),
      )
      .execute(),
  );
}

interface Held {
  expired: number;
  kept: number;
}

/** Rows of each kind before `expiredBefore` (every purge deletes them) and from `keptFrom` + margin on (none may). */
async function held(
  db: Kysely<CollectorTables>,
  expiredBefore: number,
  keptFrom: number,
): Promise<Record<string, Held>> {
  const split = async (table: string, time: ReturnType<typeof sql>) => {
    const result = await sql<{ expired: number | string | null; kept: number | string | null }>`
      SELECT sum(CASE WHEN ${time} < ${expiredBefore} THEN 1 ELSE 0 END) AS expired,
             sum(CASE WHEN ${time} >= ${keptFrom + margin} THEN 1 ELSE 0 END) AS kept
      FROM ${sql.table(table)}`.execute(db);
    const row = result.rows[0];
    return { expired: Number(row?.expired ?? 0), kept: Number(row?.kept ?? 0) };
  };
  return {
    events: await split(
      'events',
      sql`CASE WHEN occurred_at > received_at + ${sql.lit(aheadMs)} THEN received_at ELSE occurred_at END`,
    ),
    leads: await split('leads', sql.ref('last_contact_at')),
    conversations: await split('conversation_messages', sql.ref('received_at')),
    receipts: await split('consent_receipts', sql.ref('received_at')),
  };
}

const retentionFlags = (months: number) => [
  '--events-months',
  String(months),
  '--leads-months',
  String(months),
  '--conversations-months',
  String(months),
  '--receipts-months',
  String(months),
];

describe('two server processes starting together on one database with a large expired backlog', () => {
  const spawnServer = useSpawnedServers();
  const opened: Array<{ created: TestDatabase; database: SamtalDatabase }> = [];
  afterEach(async () => {
    for (const { created, database } of opened.splice(0)) {
      await database.close();
      await created.drop();
    }
  });

  /** A fresh database of its own, migrated, holding the backlog; both processes' retention in months. */
  async function round(months: readonly [number, number]) {
    const created = await createTestDatabase();
    const database = await openDatabase(created.location);
    opened.push({ created, database });
    const now = Date.now();
    const expiredBefore = monthsBefore(now, Math.max(...months));
    const keptFrom = monthsBefore(now, Math.min(...months));
    await fillBacklog(database.db, { expiredBefore, keptFrom, now });
    const before = await held(database.db, expiredBefore, keptFrom);
    for (const kind of Object.values(before)) expect(kind.expired).toBeGreaterThan(5_000);

    // Both start at once: each purges before it listens, and a failed purge stops the start.
    const servers = await Promise.all(
      months.map((each) => spawnServer(created.location, retentionFlags(each))),
    );
    const codes = await Promise.all(servers.map((server) => server.stop()));
    expect({
      months,
      ended: servers.map((server, index) => [codes[index], server.errors()]),
    }).toEqual({
      months,
      ended: [
        [0, ''],
        [0, ''],
      ],
    });
    const after = await held(database.db, expiredBefore, keptFrom);
    expect({ months, after }).toEqual({
      months,
      after: Object.fromEntries(
        Object.entries(before).map(([kind, { kept }]) => [kind, { expired: 0, kept }]),
      ),
    });
    await database.close();
    await created.drop();
    opened.pop();
  }

  it('with the same retention, round after round, neither fails and only the expired go', {
    timeout: 300_000,
  }, async () => {
    for (const months of [13, 7]) await round([months, months]);
  });

  it('with retention changed between them (a rolling deploy), neither fails and only what both call expired is sure to go', {
    timeout: 300_000,
  }, async () => {
    // The shorter one drops and deletes months the longer one is creating partitions for.
    for (let attempt = 0; attempt < 3; attempt += 1) await round([13, 7]);
  });

  it.skipIf(storeKind !== 'postgres')(
    'skips a purge while another process holds the purge lock, and purges once it is free',
    async () => {
      const created = await createTestDatabase();
      const database = await openDatabase(created.location);
      const other = await openDatabase(created.location, { migrate: false });
      // The other pool closes before the schema is dropped.
      opened.push(
        { created: { ...created, drop: async () => {} }, database: other },
        { created, database },
      );
      const now = Date.now();
      const cutoff = monthsBefore(now, 13);
      await fillBacklog(database.db, { expiredBefore: cutoff, keptFrom: cutoff, now });
      const before = await held(database.db, cutoff, cutoff);
      const storage = createCollectorStorage(database);
      const cutoffs = { events: cutoff, leads: cutoff, conversations: cutoff, receipts: cutoff };

      // Another process mid-purge: its session holds the documented key.
      await other.db.connection().execute(async (connection) => {
        await sql`SELECT pg_advisory_lock(${purgeLockKey})`.execute(connection);
        expect(await storage.purge(cutoffs, now)).toEqual({
          events: 0,
          leads: 0,
          conversations: 0,
          receipts: 0,
          skipped: true,
        });
        expect(await held(database.db, cutoff, cutoff)).toEqual(before);
        await sql`SELECT pg_advisory_unlock(${purgeLockKey})`.execute(connection);
      });

      const purged = await storage.purge(cutoffs, now);
      expect(purged.skipped).toBe(false);
      expect(purged.leads).toBe(before.leads?.expired);
      expect(await held(database.db, cutoff, cutoff)).toEqual(
        Object.fromEntries(
          Object.entries(before).map(([kind, { kept }]) => [kind, { expired: 0, kept }]),
        ),
      );
      // Released: the other process's next round takes it.
      const free = await sql<{
        taken: boolean;
      }>`SELECT pg_try_advisory_lock(${purgeLockKey}) AS taken`.execute(other.db);
      expect(free.rows[0]?.taken).toBe(true);
    },
  );
});
