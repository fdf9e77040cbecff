import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, expect, inject, it } from 'vitest';
import type { EventBatch } from '../../src/protocol';
import { eventsPerVisitor } from './events-per-visitor';
import { makeBatch, siteOrigin } from './payloads';
import { createTestDatabase, type TestDatabase } from './test-database';

const children: ChildProcess[] = [];
let created: TestDatabase | null = null;

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  await created?.drop();
  created = null;
});

/**
 * Starts `samtal-server serve` as its own process, from the bundle the global
 * set-up made (starting under tsx cost seconds per process on a loaded
 * machine), and waits for the address it prints.
 */
function spawnServer(database: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [
      inject('serverEntry'),
      'serve',
      '--port',
      '0',
      '--db',
      database,
      '--origins',
      `acme-se=${siteOrigin}`,
      '--rate-limit',
      '1000000/1',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url !== undefined) resolve({ child, url });
    });
    let errors = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    child.once('exit', (code) =>
      reject(new Error(`the server exited (${code}) before listening: ${errors}`)),
    );
  });
}

function send(url: string, batch: EventBatch): Promise<boolean> {
  return fetch(`${url}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: siteOrigin },
    body: JSON.stringify(batch),
  }).then(
    (response) => response.status === 200,
    () => false,
  );
}

/** Eight clients post 100-event batches until the server has acknowledged `kills` of them, then SIGKILL it. */
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
        if (await send(url, batch)) {
          acknowledged.add(batch.visitorId);
          if (acknowledged.size >= killAt && !killed) {
            killed = true;
            child.kill('SIGKILL');
          }
        }
      }
    }),
  );
  if (child.exitCode === null && child.signalCode === null)
    await new Promise((resolve) => child.once('exit', resolve));
  expect(child.signalCode).toBe('SIGKILL');
}

it('loses no acknowledged batch and keeps no half batch when the process is killed mid-write', {
  timeout: 60_000,
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

  const counts = await eventsPerVisitor(database);
  const rowsPerBatch = sent.map((batch) => ({
    acknowledged: acknowledged.has(batch.visitorId),
    rows: counts.get(batch.visitorId) ?? 0,
  }));
  expect(rowsPerBatch.filter((batch) => batch.acknowledged && batch.rows !== 100)).toEqual([]);
  expect(rowsPerBatch.filter((batch) => batch.rows !== 0 && batch.rows !== 100)).toEqual([]);

  // The clients retry what was never acknowledged; the restarted server completes it.
  for (const batch of unacknowledged) expect(await send(restarted.url, batch)).toBe(true);
  const after = await eventsPerVisitor(database);
  expect([...after.values()].reduce((sum, n) => sum + n, 0)).toBe(sent.length * 100);
  restarted.child.kill('SIGTERM');
  await new Promise((resolve) => restarted.child.once('exit', resolve));
  expect(restarted.child.exitCode).toBe(0);
});
