/**
 * PostgreSQL's partition upkeep (migration 0002) moves rows out of
 * events_default into a month's new partition, in the transaction that
 * creates the partition, which locks `events` whole. A request's transaction
 * in another process (an erasure: one delete by visitor, then one by consent)
 * that touches `events` between the move and the creation must not deadlock
 * with it. The request's statements are written out here so the test can
 * place them exactly there.
 */
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createCollectorStorage } from '../../src/server/storage/create-collector-storage';
import { openDatabase } from '../../src/server/storage/open-database';
import type { SamtalDatabase } from '../../src/server/storage/samtal-database';
import { makeBatch, site } from './payloads';
import { createTestDatabase, storeKind, type TestDatabase } from './test-database';

const day = 86_400_000;

describe.skipIf(storeKind !== 'postgres')('partition upkeep while another process erases', () => {
  let created: TestDatabase | undefined;
  const databases: SamtalDatabase[] = [];
  afterEach(async () => {
    for (const database of databases.splice(0)) await database.close();
    await created?.drop();
  });

  it('lets an erasure that began before it finish, then moves the rest, without a deadlock', async () => {
    created = await createTestDatabase();
    const upkeep = await openDatabase(created.location);
    const requests = await openDatabase(created.location, { migrate: false });
    databases.push(upkeep, requests);
    const storage = createCollectorStorage(upkeep);
    // Nothing to drop: only June's and July's partitions are made the second time.
    const keepFrom = Date.parse('2025-06-01T00:00:00.000Z');
    const cutoffs = {
      events: keepFrom,
      leads: keepFrom,
      conversations: keepFrom,
      receipts: keepFrom,
    };
    const start = Date.parse('2026-03-10T12:00:00.000Z');
    // Partitions to May 2026: events in June wait in events_default.
    await storage.purge(cutoffs, start);
    const batch = makeBatch({}, 1);
    const [event] = batch.events;
    if (!event) throw new Error('one event expected');
    const erased = { ...batch, events: [{ ...event, at: '2026-06-03T10:00:00.000Z' }] };
    const kept = makeBatch({}, 1);
    const [keptEvent] = kept.events;
    if (!keptEvent) throw new Error('one event expected');
    const inJune = { ...kept, events: [{ ...keptEvent, at: '2026-06-04T10:00:00.000Z' }] };
    await storage.insertEvents(erased, null, start);
    await storage.insertEvents(inJune, null, start);

    const later = start + 62 * day;
    await requests.db.connection().execute(async (request) => {
      // The request's transaction has begun: its first delete found nothing.
      await sql`BEGIN`.execute(request);
      await sql`DELETE FROM events WHERE site = ${site} AND visitor_id = ${crypto.randomUUID()}`.execute(
        request,
      );
      const upkeepRun = storage.purge(cutoffs, later);
      // The upkeep now waits for this transaction's hold on `events`.
      await expect
        .poll(async () => {
          const waiting = await sql<{ n: number | string }>`
            SELECT count(*) AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
            WHERE NOT l.granted AND l.mode = 'AccessExclusiveLock' AND c.relname = 'events'`.execute(
            upkeep.db,
          );
          return Number(waiting.rows[0]?.n);
        })
        .toBe(1);
      // Its second delete, by consent id, reaches a June row.
      const deleted =
        await sql`DELETE FROM events WHERE site = ${site} AND consent_id = ${erased.consentId}`.execute(
          request,
        );
      await sql`COMMIT`.execute(request);
      expect(Number(deleted.numAffectedRows)).toBe(1);
      await upkeepRun;
    });

    const june = await sql<{ id: string }>`SELECT id FROM events_y2026m06`.execute(upkeep.db);
    expect(june.rows.map((row) => row.id)).toEqual([keptEvent.id]);
  });
});
