/**
 * `npm run bench:server`: the collector under load on loopback. Starts
 * `samtal-server` as its own process (so the load generator does not steal its
 * event loop) on a fresh SQLite file with the default durability, posts
 * realistic 20-event batches with fresh ids from 10 connections for 10
 * seconds after a 2-second warm-up, and prints events/s and latency.
 * Bounded: about 15 seconds in all.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { makeBatch } from '../tests/server/payloads';

const eventsPerBatch = 20;
const origin = 'https://acme.se';
const folder = mkdtempSync(join(tmpdir(), 'samtal-bench-'));

const server = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    'src/server/main.ts',
    'serve',
    '--port',
    '0',
    '--db',
    join(folder, 'bench.db'),
    '--origins',
    `acme-se=${origin}`,
    // One load generator is one address; the per-address limit is not what is measured.
    '--rate-limit',
    '100000000/1',
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);

const url = await new Promise<string>((resolve, reject) => {
  let output = '';
  server.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    const match = /listening on (http:\/\/\S+)/.exec(output);
    if (match?.[1]) resolve(match[1]);
  });
  server.once('exit', (code) => reject(new Error(`samtal-server exited with ${code}`)));
});

// Made before the clock starts, so the load generator spends its share of the two cores on sending.
// One visitor per batch and new event ids every request: no request is a cheap duplicate.
const bodies = Array.from({ length: 12_000 }, () =>
  JSON.stringify(makeBatch({ visitorId: randomUUID() }, eventsPerBatch)),
);
let next = 0;

function nextBody(): string {
  const body = bodies[next];
  next += 1;
  return body ?? JSON.stringify(makeBatch({ visitorId: randomUUID() }, eventsPerBatch));
}

function load(duration: number): Promise<autocannon.Result> {
  return autocannon({
    url: `${url}/v1/events`,
    connections: 10,
    duration,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        setupRequest: (request) => ({ ...request, body: nextBody() }),
      },
    ],
  });
}

try {
  await load(2);
  const result = await load(10);
  const eventsPerSecond = (result['2xx'] * eventsPerBatch) / (result.duration || 10);
  const cpu = cpus();
  console.log(
    `machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, Node ${process.version}`,
  );
  console.log(
    `batches: ${eventsPerBatch} events, ${result['2xx']} stored (2xx), ${result.non2xx} refused, ${result.errors} errors`,
  );
  console.log(
    `throughput: ${Math.round(eventsPerSecond)} events/s (${Math.round(result.requests.average)} requests/s)`,
  );
  console.log(
    `latency: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
  );
  const target = eventsPerSecond >= 5000 && result.latency.p99 < 50;
  console.log(`target (≥ 5000 events/s, p99 < 50 ms): ${target ? 'met' : 'NOT met'}`);
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  rmSync(folder, { recursive: true, force: true });
}
