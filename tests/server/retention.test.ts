import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { monthsBefore } from '../../src/server/retention-cutoffs';
import { serverConfigSchema } from '../../src/server/server-config';
import { startServer } from '../../src/server/start-server';
import { makeBatch, makeLead, makeReceipt } from './payloads';
import { startTestServer, type TestServer } from './start-test-server';
import { storeKind } from './test-database';

let running: TestServer | null = null;

afterEach(async () => {
  await running?.stop();
  running = null;
});

/** For tests that closed the server themselves to reopen its database. */
async function dropDatabase(test: TestServer): Promise<void> {
  await test.drop();
  running = null;
}

const day = 24 * 60 * 60 * 1000;

describe('monthsBefore', () => {
  it('counts calendar months and clamps to the last day of a short month', () => {
    expect(new Date(monthsBefore(Date.parse('2027-03-01T08:00:00.000Z'), 13)).toISOString()).toBe(
      '2026-02-01T08:00:00.000Z',
    );
    expect(new Date(monthsBefore(Date.parse('2026-03-31T00:00:00.000Z'), 1)).toISOString()).toBe(
      '2026-02-28T00:00:00.000Z',
    );
    expect(new Date(monthsBefore(Date.parse('2031-02-01T12:00:00.000Z'), 60)).toISOString()).toBe(
      '2026-02-01T12:00:00.000Z',
    );
  });
});

describe('retention', () => {
  it('keeps events 13 months, leads 12 months and receipts 5 years', async () => {
    running = await startTestServer();
    const { post, server, clock } = running;
    const receipt = makeReceipt();
    const batch = makeBatch({ consentId: receipt.id });
    const lead = makeLead();
    await post('/v1/consent', receipt);
    await post('/v1/events', batch);
    await post('/v1/leads', lead);
    const query = { visitorId: batch.visitorId, consentIds: [receipt.id], leadIds: [lead.id] };
    const counts = async () => {
      const held = await server.storage.exportData(query);
      return {
        receipts: held.receipts.length,
        events: held.events.length,
        leads: held.leads.length,
      };
    };
    const received = clock.now;

    clock.now = Date.parse('2027-02-01T12:00:00.000Z') - day;
    await server.purge();
    expect(await counts()).toEqual({ receipts: 1, events: 3, leads: 1 });

    clock.now = Date.parse('2027-02-01T12:00:00.000Z') + day;
    await server.purge();
    expect(await counts()).toEqual({ receipts: 1, events: 3, leads: 0 });

    clock.now = Date.parse('2027-03-01T12:00:00.000Z') + day;
    await server.purge();
    expect(await counts()).toEqual({ receipts: 1, events: 0, leads: 0 });

    clock.now = received + 5 * 365 * day;
    await server.purge();
    expect(await counts()).toEqual({ receipts: 1, events: 0, leads: 0 });

    clock.now = Date.parse('2031-02-01T12:00:00.000Z') + day;
    await server.purge();
    expect(await counts()).toEqual({ receipts: 0, events: 0, leads: 0 });
  });

  it('purges at start what is past a configured retention', async () => {
    running = await startTestServer({ retention: { eventsMonths: 1 } });
    const batch = makeBatch();
    await running.post('/v1/events', batch);
    await running.server.close();

    const later = await startServer({
      config: serverConfigSchema.parse({
        database: running.database,
        port: 0,
        retention: { eventsMonths: 1 },
      }),
      now: () => Date.parse('2026-04-01T12:00:00.000Z'),
    });
    expect((await later.storage.exportData({ visitorId: batch.visitorId })).events).toEqual([]);
    await later.close();
    await dropDatabase(running);
  });

  it('purges again every day', async () => {
    running = await startTestServer();
    const batch = makeBatch();
    await running.post('/v1/events', batch);
    await running.server.close();

    let now = Date.parse('2026-02-01T12:00:00.000Z');
    const daily: Array<{ ms: number; purge: () => Promise<unknown> }> = [];
    const server = await startServer({
      config: serverConfigSchema.parse({ database: running.database, port: 0 }),
      now: () => now,
      every: (ms, purge) => {
        daily.push({ ms, purge });
        return () => {};
      },
    });
    expect(daily.map((timer) => timer.ms)).toEqual([day]);
    expect((await server.storage.exportData({ visitorId: batch.visitorId })).events).toHaveLength(
      3,
    );
    now = Date.parse('2027-03-02T12:00:00.000Z');
    await daily[0]?.purge();
    expect((await server.storage.exportData({ visitorId: batch.visitorId })).events).toEqual([]);
    await server.close();
    await dropDatabase(running);
  });

  it('stores events from a clock running ahead, and keeps them from when they were received', async () => {
    running = await startTestServer();
    const { post, server, clock } = running;
    const received = clock.now;
    const batch = makeBatch();
    const [first, second, third] = batch.events;
    if (!first || !second || !third) throw new Error('three events expected');
    // A day and a minute ahead, a month ahead, and five years ahead of the collector's clock.
    const aheadBatch = {
      ...batch,
      events: [
        { ...first, at: new Date(received + day + 60_000).toISOString() },
        { ...second, at: new Date(received + 30 * day).toISOString() },
        { ...third, at: new Date(received + 5 * 365 * day).toISOString() },
      ],
    };
    const stored = await post('/v1/events', aheadBatch);
    expect(stored.status).toBe(200);
    expect(await stored.json()).toEqual({ stored: 3, duplicates: 0 });
    // The widget's retry, a minute later: the same rows, stored once.
    clock.now = received + 60_000;
    expect(await (await post('/v1/events', aheadBatch)).json()).toEqual({
      stored: 0,
      duplicates: 3,
    });
    const held = async () =>
      (await server.storage.exportData({ visitorId: batch.visitorId })).events.map(
        (row) => row.event.at,
      );
    expect(await held()).toEqual(aheadBatch.events.map((event) => event.at));

    // Thirteen months after they were received, not after the time they claim.
    clock.now = Date.parse('2027-03-01T12:00:00.000Z') - day;
    await server.purge();
    expect(await held()).toHaveLength(3);
    clock.now = Date.parse('2027-03-01T12:00:00.000Z') + day;
    expect((await server.purge()).events).toBe(3);
    expect(await held()).toEqual([]);
  });

  it.skipIf(storeKind !== 'postgres')(
    'moves events that waited in the default partition into their month once it is made',
    async () => {
      running = await startTestServer();
      const { post, server, clock, rows } = running;
      // Partitions reach two months ahead (to April 2026); May lands in the default one.
      const batch = makeBatch({}, 1);
      const [event] = batch.events;
      if (!event) throw new Error('one event expected');
      const at = '2026-05-02T10:00:00.000Z';
      await post('/v1/events', { ...batch, events: [{ ...event, at }] });
      expect(await rows('events_default')).toHaveLength(1);

      clock.now = Date.parse('2026-03-15T12:00:00.000Z');
      await server.purge();
      expect(await rows('events_default')).toEqual([]);
      expect((await rows('events_y2026m05')).map((row) => row.at)).toEqual([at]);
      const inMay = await sql<{ n: number }>`SELECT count(*) AS n FROM events`.execute(
        server.database.db,
      );
      expect(Number(inMay.rows[0]?.n)).toBe(1);
    },
  );
});
