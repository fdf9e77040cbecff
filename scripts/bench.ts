/**
 * `npm run bench`: what telemetry costs a page, printed as a table.
 *
 *   capture      making, checking and queuing one event (µs)
 *   serialise    JSON of a full batch of 100 events (µs, bytes)
 *   chunk size   the built telemetry chunk, gzip -9 (run `npm run build` first)
 *
 * Then checks the chunk against `size-budget.json` (`lazy.start-telemetry`, bytes
 * gzip) and exits non-zero when it is over. Timings vary by machine; they are
 * here to spot regressions, not as pass/fail criteria.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { maxBatchEvents, type TelemetryEvent } from '../src/protocol/events';
import { writeJson } from '../src/protocol/write-json';
import { createKeyValueStore } from '../src/storage/create-key-value-store';
import { createEventFactory } from '../src/telemetry/create-event-factory';
import { createEventQueue } from '../src/telemetry/create-event-queue';
import { minimiseUrl } from '../src/telemetry/minimise-url';

const root = new URL('..', import.meta.url);
const budgetFile = new URL('size-budget.json', root);

function microseconds(runs: number, run: (index: number) => void): number {
  for (let index = 0; index < Math.min(runs, 200); index++) run(index);
  const start = process.hrtime.bigint();
  for (let index = 0; index < runs; index++) run(index);
  return Number(process.hrtime.bigint() - start) / 1000 / runs;
}

const factory = createEventFactory();
const queue = createEventQueue({
  store: Promise.resolve(createKeyValueStore('bench', null)),
  site: 'bench',
});
const captureUs = microseconds(5_000, (index) => {
  const page = minimiseUrl(
    `/produkter/skor-${index}?utm_source=news#top`,
    'https://shop.example.se/',
    ['utm_source'],
  );
  if (page) queue.add(factory.pageView({ ...page, navigation: 'spa' }) as TelemetryEvent);
  if (queue.size() >= 400) void queue.clear();
});

const events = Array.from({ length: maxBatchEvents }, (_, index) =>
  factory.pageView({ path: `/produkter/skor-${index}`, navigation: 'spa' }),
).filter((event): event is NonNullable<typeof event> => event !== null);
const batch = {
  site: 'acme-se',
  visitorId: crypto.randomUUID(),
  consentId: crypto.randomUUID(),
  sentAt: new Date().toISOString(),
  events,
};
// writeJson, as the sender writes bodies (not the host page's JSON.stringify).
const serialiseUs = microseconds(2_000, () => writeJson(batch));
const batchBytes = Buffer.byteLength(writeJson(batch));

const chunks = new URL('dist/chunks/', root);
const chunkFile = existsSync(chunks)
  ? readdirSync(chunks).find((name) => name.startsWith('start-telemetry-'))
  : undefined;
const chunkGzip =
  chunkFile === undefined
    ? null
    : gzipSync(readFileSync(new URL(chunkFile, chunks)), { level: 9 }).length;

// The same budget `npm run size` checks: the chunk is named after its entry module.
const budgets = JSON.parse(readFileSync(budgetFile, 'utf8')) as { lazy?: Record<string, number> };
const budget = budgets.lazy?.['start-telemetry'] ?? null;

const rows: [string, string, string][] = [
  ['capture one event (minimise, check, queue)', `${captureUs.toFixed(1)} µs`, ''],
  [
    `serialise a full batch (${maxBatchEvents} events)`,
    `${serialiseUs.toFixed(1)} µs`,
    `${batchBytes} B`,
  ],
  [
    'telemetry chunk, gzip -9',
    chunkGzip === null ? 'not built: run npm run build' : `${chunkGzip} B`,
    budget === null ? 'no budget' : `budget ${budget} B`,
  ],
];
const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
for (const row of rows) {
  console.log(row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  │  '));
}

if (chunkGzip !== null && budget !== null && chunkGzip > budget) {
  console.error(`Over budget: the telemetry chunk is ${chunkGzip} B gzip, the budget ${budget} B.`);
  process.exitCode = 1;
}
