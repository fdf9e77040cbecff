/**
 * `npm run measure:abuse [-- --db postgres://…]`: two measurements of how the
 * collector holds up against hostile or heavy input (issue #15, item 5), each
 * against `samtal-server` started as its own process on a fresh database.
 *
 *   flood     the server's resident memory (RSS, MB) before and after one
 *             client posts 3,000 bodies whose `site` is a unique 60 KB string,
 *             and how those requests were answered
 *   erasure   latency (ms) of 50 erasure requests, each naming one visitor
 *             and their consent id, on a site holding 300,000 events
 *
 * Takes about two minutes, most of it filling the database over HTTP.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { makeBatch } from '../tests/server/payloads';
import { benchOrigin as origin, startBenchServer } from './support/start-bench-server';

const { values } = parseArgs({ options: { db: { type: 'string' } } });
const folder = mkdtempSync(join(tmpdir(), 'samtal-abuse-'));

const startServer = (database: string, rateLimit: string) =>
  startBenchServer({ database, rateLimit, extraArgs: ['--durability', 'normal'] });

function rssMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return Math.round(kilobytes / 1024);
}

function post(url: string, path: string, body: string): Promise<number> {
  return fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body,
  }).then(
    async (response) => {
      await response.arrayBuffer();
      return response.status;
    },
    () => 0,
  );
}

/** Runs `count` tasks, `parallel` at a time. */
async function inParallel(count: number, parallel: number, task: (index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) {
        const index = next;
        next += 1;
        await task(index);
      }
    }),
  );
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
}

async function measureFlood(database: string): Promise<void> {
  // The default limit (300 per minute per site and address): the flood should meet it.
  const { child, url, stop } = await startServer(database, '300/60');
  const pid = child.pid ?? 0;
  await post(url, '/v1/events', JSON.stringify(makeBatch({ site: 'acme-se' }, 1)));
  const before = rssMegabytes(pid);
  const answers = new Map<number, number>();
  const template = JSON.stringify(makeBatch({}, 1));
  await inParallel(3_000, 8, async (index) => {
    const site = `${index.toString(36)}-${'x'.repeat(60 * 1024)}`;
    const status = await post(
      url,
      '/v1/events',
      template.replace('"acme-se"', JSON.stringify(site)),
    );
    answers.set(status, (answers.get(status) ?? 0) + 1);
  });
  const after = rssMegabytes(pid);
  await stop();
  const counted = [...answers].map(([status, count]) => `${count}× ${status}`).join(', ');
  console.log(
    `flood: RSS ${before} MB before, ${after} MB after 3,000 unique 60 KB sites (${counted})`,
  );
}

async function measureErasure(database: string): Promise<void> {
  const { url, stop } = await startServer(database, '100000000/1');
  const visitors = Array.from({ length: 3_000 }, () => ({
    visitorId: randomUUID(),
    consentId: randomUUID(),
  }));
  await inParallel(visitors.length, 8, async (index) => {
    const visitor = visitors[index];
    if (visitor !== undefined)
      await post(url, '/v1/events', JSON.stringify(makeBatch(visitor, 100)));
  });
  const timings: number[] = [];
  for (const visitor of visitors.slice(0, 50)) {
    const started = performance.now();
    const status = await post(
      url,
      '/v1/erasure',
      JSON.stringify({
        site: 'acme-se',
        visitorId: visitor.visitorId,
        consentIds: [visitor.consentId],
        leadIds: [],
      }),
    );
    timings.push(performance.now() - started);
    if (status !== 200) throw new Error(`erasure answered ${status}`);
  }
  await stop();
  timings.sort((a, b) => a - b);
  console.log(
    `erasure on 300,000 events: p50 ${percentile(timings, 50).toFixed(1)} ms, p99 ${percentile(timings, 99).toFixed(1)} ms, max ${timings.at(-1)?.toFixed(1)} ms (50 requests)`,
  );
}

try {
  const cpu = cpus();
  console.log(
    `machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, Node ${process.version}, load ${loadavg()
      .map((load) => load.toFixed(1))
      .join(' ')}`,
  );
  await measureFlood(values.db ?? join(folder, 'flood.db'));
  await measureErasure(values.db ?? join(folder, 'erasure.db'));
} finally {
  rmSync(folder, { recursive: true, force: true });
}
