/**
 * `npm run bench:server [-- --db postgres://user@host/db] [--seconds N]`: the
 * collector under load on loopback, SQLite and PostgreSQL side by side in one
 * run. Each case starts `samtal-server` as its own process(es), so the load
 * generator does not steal their event loop, on a fresh database, and posts
 * realistic 20-event batches with fresh ids from 10 connections for N seconds
 * (default 10) after a 2-second warm-up:
 *
 *   1. SQLite, one process, default durability (`full`: fsync per commit);
 *   2. PostgreSQL, one process;
 *   3. PostgreSQL, two processes, 5 connections each.
 *
 * PostgreSQL is the `--db` server (the bench works in a schema of its own and
 * drops it afterwards) or, without `--db`, a throwaway cluster from Debian's
 * packages with fsync and synchronous commit on, as in production. Prints
 * events/s, p50 and p99 per case, and the machine's load before and after.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { makeBatch } from '../tests/server/payloads';
import { type PostgresCluster, startPostgresCluster } from '../tests/server/start-postgres-cluster';
import { benchOrigin as origin, startBenchServer } from './support/start-bench-server';

const { values } = parseArgs({
  options: { db: { type: 'string' }, seconds: { type: 'string', default: '10' } },
});
const seconds = Number(values.seconds);
const eventsPerBatch = 20;
const connections = 10;
const folder = mkdtempSync(join(tmpdir(), 'samtal-bench-'));

interface Measured {
  name: string;
  eventsPerSecond: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  refused: number;
  errors: number;
}

/** Default durability (`full`). One load generator is one address; the per-address limit is not what is measured. */
const startServer = (database: string) => startBenchServer({ database, rateLimit: '100000000/1' });

/** Bodies made before the clock starts, so the load generator spends its share of the cores on sending. */
function bodySource(): () => string {
  // One visitor per batch and new event ids every request: no request is a cheap duplicate.
  const bodies = Array.from({ length: 12_000 }, () =>
    JSON.stringify(makeBatch({ visitorId: randomUUID() }, eventsPerBatch)),
  );
  let next = 0;
  return () => {
    const body = bodies[next];
    next += 1;
    return body ?? JSON.stringify(makeBatch({ visitorId: randomUUID() }, eventsPerBatch));
  };
}

function load(
  url: string,
  duration: number,
  clients: number,
  nextBody: () => string,
): Promise<autocannon.Result> {
  return autocannon({
    url: `${url}/v1/events`,
    connections: clients,
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

/** Runs the load against every process at once, 10 connections split between them. */
async function measure(name: string, databases: readonly string[]): Promise<Measured> {
  const servers = await Promise.all(databases.map(startServer));
  try {
    const nextBody = bodySource();
    const clients = connections / servers.length;
    await Promise.all(servers.map((server) => load(server.url, 2, clients, nextBody)));
    const results = await Promise.all(
      servers.map((server) => load(server.url, seconds, clients, nextBody)),
    );
    const stored = results.reduce((sum, result) => sum + result['2xx'], 0);
    const requests = results.reduce((sum, result) => sum + result.requests.total, 0);
    return {
      name,
      eventsPerSecond: (stored * eventsPerBatch) / seconds,
      requestsPerSecond: requests / seconds,
      // Across processes: p50 weighted by requests; p99 and max the worse one's.
      p50:
        results.reduce((sum, result) => sum + result.latency.p50 * result.requests.total, 0) /
        Math.max(1, requests),
      p99: Math.max(...results.map((result) => result.latency.p99)),
      max: Math.max(...results.map((result) => result.latency.max)),
      refused: results.reduce((sum, result) => sum + result.non2xx, 0),
      errors: results.reduce((sum, result) => sum + result.errors, 0),
    };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

/** A schema of its own in the given database, so the bench neither sees nor leaves rows. */
async function postgresSchema(url: string): Promise<{ location: string; drop(): Promise<void> }> {
  const schema = `samtal_bench_${randomUUID().replaceAll('-', '')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client(url);
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE SCHEMA ${schema}`);
  const location = new URL(url);
  location.searchParams.set('options', `-c search_path=${schema}`);
  return { location: location.toString(), drop: () => admin(`DROP SCHEMA ${schema} CASCADE`) };
}

const round = (n: number) => Math.round(n).toLocaleString('en');
const loadBefore = loadavg();
let cluster: PostgresCluster | null = null;
const measured: Measured[] = [];
try {
  measured.push(await measure('SQLite, 1 process', [join(folder, 'bench.db')]));

  let postgresUrl = values.db ?? null;
  if (postgresUrl === null) {
    try {
      cluster = await startPostgresCluster({ durable: true });
      postgresUrl = cluster.url;
    } catch (error) {
      console.log(`PostgreSQL skipped: ${(error as Error).message}`);
    }
  }
  if (postgresUrl !== null) {
    const one = await postgresSchema(postgresUrl);
    try {
      measured.push(await measure('PostgreSQL, 1 process', [one.location]));
    } finally {
      await one.drop();
    }
    const two = await postgresSchema(postgresUrl);
    try {
      measured.push(await measure('PostgreSQL, 2 processes', [two.location, two.location]));
    } finally {
      await two.drop();
    }
  }

  const cpu = cpus();
  const loadAfter = loadavg();
  console.log(
    `machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, Node ${process.version}; load average ${loadBefore.map((n) => n.toFixed(1)).join(' ')} before, ${loadAfter.map((n) => n.toFixed(1)).join(' ')} after`,
  );
  console.log(
    `PostgreSQL: ${values.db === undefined ? 'throwaway cluster (Debian’s, fsync and synchronous commit on)' : 'the --db server'}; ${eventsPerBatch}-event batches, ${connections} connections, ${seconds} s after 2 s warm-up`,
  );
  console.log('');
  console.log(
    `${'case'.padEnd(26)}${'events/s'.padStart(10)}${'requests/s'.padStart(12)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'max ms'.padStart(9)}  refused/errors`,
  );
  for (const row of measured) {
    console.log(
      `${row.name.padEnd(26)}${round(row.eventsPerSecond).padStart(10)}${round(row.requestsPerSecond).padStart(12)}${row.p50.toFixed(0).padStart(9)}${String(row.p99).padStart(9)}${String(row.max).padStart(9)}  ${row.refused}/${row.errors}`,
    );
  }
  const [sqlite, postgresOne, postgresTwo] = measured;
  console.log('');
  if (sqlite) {
    const met = sqlite.eventsPerSecond >= 5000 && sqlite.p99 < 50;
    console.log(`SQLite target (≥ 5000 events/s, p99 < 50 ms): ${met ? 'met' : 'NOT met'}`);
  }
  if (sqlite && postgresOne) {
    const share = postgresOne.eventsPerSecond / sqlite.eventsPerSecond;
    console.log(
      `PostgreSQL at ${(share * 100).toFixed(0)} % of SQLite (target ≥ 80 %): ${share >= 0.8 ? 'met' : 'NOT met'}`,
    );
  }
  if (postgresOne && postgresTwo) {
    const gain = postgresTwo.eventsPerSecond / postgresOne.eventsPerSecond;
    console.log(
      `two processes at ${gain.toFixed(2)}× one (target > 1; bounded by the cores the processes, PostgreSQL and the load generator share): ${gain > 1 ? 'met' : 'NOT met'}`,
    );
  }
} finally {
  cluster?.stop();
  rmSync(folder, { recursive: true, force: true });
}
