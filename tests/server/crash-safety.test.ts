import type { ChildProcess } from 'node:child_process';
import { afterEach, expect, it } from 'vitest';
import type { EventBatch } from '../../src/protocol';
import { eventsPerVisitor } from './events-per-visitor';
import { makeBatch } from './payloads';
import { exited, sendBatch, useSpawnedServers } from './spawn-server';
import { createTestDatabase, storeKind, type TestDatabase } from './test-database';

let created: TestDatabase | null = null;

afterEach(async () => {
  await created?.drop();
  created = null;
});
// Registered after the drop, so its after-hook (kill what is left) runs before it.
const spawnServer = useSpawnedServers();

/**
 * Eight clients post 100-event batches until the server has acknowledged ten
 * more of them, then SIGKILL it. Counting acknowledgements, not time, so a
 * loaded machine only makes it slower, never different.
 */
async function postUntilKilled(
  child: ChildProcess,
  url: string,
  sent: EventBatch[],
  acknowledged: Set<string>,
) {
  const killAt = acknowledged.size + 10;
  let killed = false;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (!killed) {
        const batch = makeBatch({}, 100);
        sent.push(batch);
        if (await sendBatch(url, batch)) {
          acknowledged.add(batch.visitorId);
          if (acknowledged.size >= killAt && !killed) {
            killed = true;
            child.kill('SIGKILL');
          }
        }
      }
    }),
  );
  await exited(child);
  expect(child.signalCode).toBe('SIGKILL');
}

/** Every acknowledged batch whole, and no batch in part: 0 or 100 rows per visitor. */
async function expectWholeBatches(
  database: string,
  sent: readonly EventBatch[],
  acknowledged: ReadonlySet<string>,
) {
  const counts = await eventsPerVisitor(database);
  const rowsPerBatch = sent.map((batch) => ({
    acknowledged: acknowledged.has(batch.visitorId),
    rows: counts.get(batch.visitorId) ?? 0,
  }));
  expect(rowsPerBatch.filter((batch) => batch.acknowledged && batch.rows !== 100)).toEqual([]);
  expect(rowsPerBatch.filter((batch) => batch.rows !== 0 && batch.rows !== 100)).toEqual([]);
}

async function totalEvents(database: string): Promise<number> {
  return [...(await eventsPerVisitor(database)).values()].reduce((sum, n) => sum + n, 0);
}

it('loses no acknowledged batch and keeps no half batch when the process is killed mid-write', {
  timeout: 120_000,
}, async () => {
  created = await createTestDatabase();
  const database = created.location;
  const sent: EventBatch[] = [];
  const acknowledged = new Set<string>();
  // Several rounds, because one kill may land between two transactions. Eight
  // clients keep batches in flight, so each kill cuts some off mid-request.
  for (let round = 0; round < 3; round += 1) {
    const { child, url } = await spawnServer(database);
    await postUntilKilled(child, url, sent, acknowledged);
  }

  const restarted = await spawnServer(database);
  const unacknowledged = sent.filter((batch) => !acknowledged.has(batch.visitorId));
  expect(unacknowledged.length).toBeGreaterThan(0);
  await expectWholeBatches(database, sent, acknowledged);

  // The clients retry what was never acknowledged; the restarted server completes it.
  for (const batch of unacknowledged) expect(await sendBatch(restarted.url, batch)).toBe(true);
  expect(await totalEvents(database)).toBe(sent.length * 100);
  expect(await restarted.stop()).toBe(0);
});

it.skipIf(storeKind !== 'postgres')(
  'on PostgreSQL, another process keeps writing while one is killed mid-batch, and takes its retries',
  { timeout: 120_000 },
  async () => {
    created = await createTestDatabase();
    const database = created.location;
    const [killedOne, survivor] = await Promise.all([spawnServer(database), spawnServer(database)]);
    const sent: EventBatch[] = [];
    const acknowledged = new Set<string>();
    // The survivor takes its own stream of batches the whole time.
    let killing = true;
    const survivorSent: EventBatch[] = [];
    const survivorWriting = Promise.all(
      Array.from({ length: 4 }, async () => {
        while (killing) {
          const batch = makeBatch({}, 100);
          survivorSent.push(batch);
          expect(await sendBatch(survivor.url, batch)).toBe(true);
        }
      }),
    );
    await postUntilKilled(killedOne.child, killedOne.url, sent, acknowledged);
    killing = false;
    await survivorWriting;

    const unacknowledged = sent.filter((batch) => !acknowledged.has(batch.visitorId));
    expect(unacknowledged.length).toBeGreaterThan(0);
    await expectWholeBatches(database, sent, acknowledged);

    // What the killed process never acknowledged, the clients retry at the survivor.
    for (const batch of unacknowledged) expect(await sendBatch(survivor.url, batch)).toBe(true);
    expect(await totalEvents(database)).toBe((sent.length + survivorSent.length) * 100);
    expect((await fetch(`${survivor.url}/healthz`)).status).toBe(200);
    expect(await survivor.stop()).toBe(0);
    expect(survivor.errors()).toBe('');
  },
);
