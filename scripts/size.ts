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
  firstVisit: number;
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

/**
 * A lazy entry's own cost: its file and the chunks only it needs. Chunks
 * several lazy entries share (Preact, for the panel and its views) are
 * listed once, as `shared`, and counted in the first open of the panel.
 */
const closures = new Map(
  [...lazyEntries].map((entry) => [
    entry,
    [...closure(entry)].filter((file) => !initialFiles.has(file)),
  ]),
);
const users = new Map<string, number>();
for (const files of closures.values())
  for (const file of files) users.set(file, (users.get(file) ?? 0) + 1);
const nameOf = (file: string) =>
  relative(dist, file)
    .replace(/^chunks\//, '')
    .replace(/-[\w-]{8}\.js$/, '');

const rows: [string, number, number | undefined][] = [
  ['before interaction', initial, budget.initial],
];
// A visitor who has not decided yet also gets the consent banner, before touching anything.
const bannerEntry = [...closures.keys()].find((entry) => nameOf(entry) === 'create-consent-banner');
if (bannerEntry) {
  const banner = (closures.get(bannerEntry) ?? []).reduce((sum, file) => sum + gzip(file), 0);
  rows.push(['first visit (with banner)', initial + banner, budget.firstVisit]);
}
for (const [entry, files] of [...closures].sort(([a], [b]) => nameOf(a).localeCompare(nameOf(b)))) {
  const own = files.filter((file) => file === entry || users.get(file) === 1);
  rows.push([
    `lazy: ${nameOf(entry)}`,
    own.reduce((sum, file) => sum + gzip(file), 0),
    budget.lazy[nameOf(entry)],
  ]);
  if (nameOf(entry) === 'mount-panel') {
    const total = files.reduce((sum, file) => sum + gzip(file), 0);
    rows.push(['first open (panel + shared)', total, budget.lazy['first-open']]);
  }
}
const shared = [...users].filter(([, count]) => count > 1).map(([file]) => file);
for (const file of shared) rows.push([`shared: ${nameOf(file)}`, gzip(file), undefined]);

// zod's schema instances keep their internals under `_zod`, a property name no minifier touches.
const zodInBoot = [...initialFiles].filter((file) => readFileSync(file, 'utf8').includes('._zod'));

let over = 0;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
console.log('what                         gzip        budget');
for (const [name, size, limit] of rows) {
  const verdict = limit === undefined ? '' : size <= limit ? 'ok' : 'OVER';
  if (limit !== undefined && size > limit) over++;
  console.log(
    `${name.padEnd(28)} ${kb(size).padStart(9)}  ${(limit === undefined ? '-' : kb(limit)).padStart(9)}  ${verdict}`,
  );
}
console.log(`initial files: ${[...initialFiles].map((file) => relative(dist, file)).join(', ')}`);
if (zodInBoot.length > 0) {
  over++;
  console.error(
    `zod is in ${zodInBoot.map((file) => relative(dist, file)).join(', ')}: the code every page loads checks the config and stored values by hand (src/config/check-config.ts, StoredValueSchema in src/storage/create-preference-store.ts), because zod's core alone is about 5 KB gzip.`,
  );
}
if (over > 0) {
  console.error(`${over} over budget: see size-budget.json`);
  process.exit(1);
}
