/**
 * Several server processes on one PostgreSQL database (issue #13 item 4,
 * contract §10): the widget retries a batch it got no answer for, and a load
 * balancer may hand the retry to another process while the first is still
 * writing it. Real processes, a real cluster, the real clock.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { EventBatch } from '../../src/protocol';
import { openDatabase } from '../../src/server/storage/open-database';
import type { SamtalDatabase } from '../../src/server/storage/samtal-database';
import { eventsPerVisitor } from './events-per-visitor';
import { makeBatch, site } from './payloads';
import { type Answer, post, type SpawnedServer, useSpawnedServers } from './spawn-server';
import { createTestDatabase, storeKind, type TestDatabase } from './test-database';

const runFile = promisify(execFile);
const minute = 60_000;

/** A batch of `count` events that happened in the last minutes, by the real clock the processes use. */
function recentBatch(count: number): EventBatch {
  const batch = makeBatch({}, count);
  const start = Date.now() - 10 * minute;
  return {
    ...batch,
    events: batch.events.map((event, index) => ({
      ...event,
      at: new Date(start + index * 1000).toISOString(),
    })),
  };
}

/** A batch whose events happened on `day` (an ISO date), long past. */
function batchOn(day: string, count: number): EventBatch {
  const batch = makeBatch({}, count);
  return {
    ...batch,
    events: batch.events.map((event, index) => ({
      ...event,
      at: new Date(Date.parse(`${day}T08:00:00.000Z`) + index * 1000).toISOString(),
    })),
  };
}

const stored = (answer: Answer) => Number(answer.body?.stored);
const duplicates = (answer: Answer) => Number(answer.body?.duplicates);

describe.skipIf(storeKind !== 'postgres')('two server processes on one PostgreSQL database', () => {
  let created: TestDatabase;
  let database: SamtalDatabase;
  afterAll(async () => {
    await database?.close();
    await created?.drop();
  });
  const spawnServer = useSpawnedServers();

  beforeAll(async () => {
    created = await createTestDatabase();
    database = await openDatabase(created.location, { migrate: false });
  });

  async function countEvents(): Promise<number> {
    const result = await sql<{ n: number }>`SELECT count(*) AS n FROM events`.execute(database.db);
    return Number(result.rows[0]?.n);
  }

  async function startTwo(extraArgs: readonly string[] = []): Promise<SpawnedServer[]> {
    // Both at once on one database: the second waits for the first's migration lock.
    return Promise.all([
      spawnServer(created.location, extraArgs),
      spawnServer(created.location, extraArgs),
    ]);
  }

  it('stores every event exactly once when both take the same retried batches at once', {
    timeout: 120_000,
  }, async () => {
    const [first, second] = await startTwo();
    if (first === undefined || second === undefined) throw new Error('two servers expected');
    const before = await countEvents();
    const batches = Array.from({ length: 30 }, () => recentBatch(50));
    // Each batch goes to both processes at the same moment, and once more
    // (the widget's retry) to one of them while those may still be writing.
    const answers = await Promise.all(
      batches.map((batch, index) =>
        Promise.all([
          post(first.url, '/v1/events', batch),
          post(second.url, '/v1/events', batch),
          post(index % 2 === 0 ? first.url : second.url, '/v1/events', batch),
        ]),
      ),
    );
    for (const perBatch of answers) {
      expect(perBatch.map((answer) => answer.status)).toEqual([200, 200, 200]);
      for (const answer of perBatch) expect(stored(answer) + duplicates(answer)).toBe(50);
      // Exactly one of the three stored each event; the others met it as a duplicate.
      expect(perBatch.reduce((sum, answer) => sum + stored(answer), 0)).toBe(50);
    }
    const perVisitor = await eventsPerVisitor(created.location);
    expect(batches.map((batch) => perVisitor.get(batch.visitorId))).toEqual(batches.map(() => 50));
    expect((await countEvents()) - before).toBe(30 * 50);
    expect(first.errors() + second.errors()).toBe('');
  });

  it('erases through one process while the other writes, and purges while both write', {
    timeout: 120_000,
  }, async () => {
    const [first, second] = await startTwo();
    if (first === undefined || second === undefined) throw new Error('two servers expected');
    // Past retention once it is cut to 6 months: January 2026 lies in a monthly
    // partition (dropped whole), 2024 in the default partition (deleted in batches).
    const old = [
      ...Array.from({ length: 4 }, () => batchOn('2026-01-15', 100)),
      ...Array.from({ length: 4 }, () => batchOn('2024-06-01', 100)),
    ];
    const toErase = Array.from({ length: 10 }, () => recentBatch(20));
    for (const batch of [...old, ...toErase]) {
      expect((await post(first.url, '/v1/events', batch)).status).toBe(200);
    }

    // Both processes keep taking new batches until the erasures and the purge are done.
    let writing = true;
    const written: EventBatch[] = [];
    const writers = Promise.all(
      [first, second, first, second].map(async (server) => {
        while (writing) {
          const batch = recentBatch(50);
          written.push(batch);
          expect((await post(server.url, '/v1/events', batch)).status).toBe(200);
        }
      }),
    );
    const erasures = Promise.all(
      toErase.map((batch, index) =>
        post(index % 2 === 0 ? second.url : first.url, '/v1/erasure', {
          site,
          visitorId: batch.visitorId,
          consentIds: [],
          leadIds: [],
        }),
      ),
    );
    // The purge a cron job would run: a third process on the same database.
    const purge = runFile(process.execPath, [
      inject('serverEntry'),
      'purge',
      '--db',
      created.location,
      '--events-months',
      '6',
    ]);
    const erased = await erasures;
    const purged = await purge;
    writing = false;
    await writers;

    for (const answer of erased) {
      expect(answer.status).toBe(200);
      expect(answer.body?.deleted).toMatchObject({ events: 20 });
    }
    expect(purged.stderr).toBe('');
    expect(JSON.parse(purged.stdout)).toMatchObject({ deleted: { events: 800 } });
    const perVisitor = await eventsPerVisitor(created.location);
    expect([...old, ...toErase].filter((batch) => perVisitor.has(batch.visitorId))).toEqual([]);
    expect(written.length).toBeGreaterThan(0);
    expect(written.filter((batch) => perVisitor.get(batch.visitorId) !== 50)).toEqual([]);
    expect(first.errors() + second.errors()).toBe('');
  });

  it('limits each process on its own: a client spread over two gets twice the limit', {
    timeout: 120_000,
  }, async () => {
    const [first, second] = await startTwo(['--rate-limit', '3/3600']);
    if (first === undefined || second === undefined) throw new Error('two servers expected');
    const statuses = async (url: string) => {
      const seen: number[] = [];
      for (let request = 0; request < 4; request += 1) {
        seen.push((await post(url, '/v1/events', recentBatch(1))).status);
      }
      return seen;
    };
    expect(await statuses(first.url)).toEqual([200, 200, 200, 429]);
    // The other process has its own buckets: the same client starts full there.
    expect(await statuses(second.url)).toEqual([200, 200, 200, 429]);
  });
});
