/**
 * `npm run size`: the gzip size of everything a page loads before any
 * interaction (the classic script, the boot module and its static imports)
 * and of each lazy chunk with everything it pulls in that the page does not
 * already have, against the budgets in size-budget.json. Exits 1 over budget.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url).pathname;
const budget = JSON.parse(
  readFileSync(new URL('../size-budget.json', import.meta.url), 'utf8'),
) as {
  initial: number;
  lazy: Record<string, number>;
};

const gzip = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

function imports(file: string, kind: 'static' | 'dynamic'): string[] {
  const code = readFileSync(file, 'utf8');
  const pattern =
    kind === 'static'
      ? /(?:^|[;}\s])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["'`](\.{1,2}\/[^"'`]+)["'`]/g
      : /import\(\s*["'`](\.{1,2}\/[^"'`]+)["'`]\s*\)/g;
  return [...code.matchAll(pattern)].map((match) => join(dirname(file), match[1] ?? ''));
}

/** A file and everything it imports statically, transitively. */
function closure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const next of imports(file, 'static')) closure(next, seen);
  return seen;
}

const boot = join(dist, 'samtal-boot.js');
const initialFiles = new Set([join(dist, 'samtal.js'), ...closure(boot)]);
const initial = [...initialFiles].reduce((sum, file) => sum + gzip(file), 0);

const lazyEntries = new Set<string>();
const walk = new Set<string>();
const queue = [...initialFiles];
while (queue.length > 0) {
  const file = queue.pop() as string;
  if (walk.has(file)) continue;
  walk.add(file);
  for (const next of imports(file, 'static')) queue.push(next);
  for (const next of imports(file, 'dynamic')) {
    lazyEntries.add(next);
    queue.push(next);
  }
}

const rows: [string, number, number | undefined][] = [
  ['before interaction', initial, budget.initial],
];
for (const entry of [...lazyEntries].sort()) {
  const name = relative(dist, entry)
    .replace(/^chunks\//, '')
    .replace(/-[\w-]{8}\.js$/, '');
  const extra = [...closure(entry)].filter((file) => !initialFiles.has(file));
  rows.push([`lazy: ${name}`, extra.reduce((sum, file) => sum + gzip(file), 0), budget.lazy[name]]);
}

let over = 0;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
console.log('what                         gzip        budget');
for (const [name, size, limit] of rows) {
  const verdict = limit === undefined ? 'no budget' : size <= limit ? 'ok' : 'OVER';
  if (limit === undefined || size > limit) over++;
  console.log(
    `${name.padEnd(28)} ${kb(size).padStart(9)}  ${(limit === undefined ? '-' : kb(limit)).padStart(9)}  ${verdict}`,
  );
}
console.log(`initial files: ${[...initialFiles].map((file) => relative(dist, file)).join(', ')}`);
if (over > 0) {
  console.error(`${over} over budget (or without one): see size-budget.json`);
  process.exit(1);
}
