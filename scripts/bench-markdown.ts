/**
 * `npm run bench:markdown`: the Markdown parser's time on a long valid reply
 * and on adversarial inputs, at 20,000 and 200,000 characters, against a
 * budget of `budgetMs` for any 200k input. The parser is linear by
 * construction (see src/markdown/parse-inline.ts); the budget is what makes a
 * change that breaks that fail where it is measured, not in a timed test: a
 * quadratic parser spends seconds to minutes on these (the one this replaced:
 * 49 s of CPU for 200k `[`), a linear one a fraction of a second.
 *
 * Growth is the 200k time over the 20k time: 10 for ideal linear work. It
 * reads higher for inputs that make one node per character or two, because
 * past about 100k characters the nodes outgrow V8's young generation and
 * each is promoted once, a constant cost per node that small inputs never
 * pay; 800k takes about 4 times 200k (`SIZES=200000,800000`).
 *
 * Times are CPU milliseconds (user + system, the best of several runs, each
 * from a collected heap with --expose-gc, as `npm run bench:markdown` runs
 * it), which other work on a shared machine disturbs less than wall time.
 */
import { cpus, loadavg } from 'node:os';
import { parseMarkdown } from '../src/markdown/parse-markdown';

const [smallSize, largeSize] = (process.env.SIZES ?? '20000,200000').split(',').map(Number) as [
  number,
  number,
];
// A 200k input's CPU time may not pass this; linear work takes well under half of it.
const budgetMs = 2_000;

/** Repeats `unit` to exactly `length` characters. */
const fill = (unit: string, length: number) =>
  unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

function reply(length: number): string {
  const parts = [
    'Vi har öppet **måndag–fredag 8–17** och *lördagar 10–14*. Läs mer i [vår policy](https://example.se/integritet) eller ring [08-123 456 78](tel:+46812345678).\n\n',
    '- Service av `bilar` och **lastbilar**\n- Däckbyte, *snabbt*\n  - även **_helger_**\n- Mejla [oss](mailto:info@example.se)\n\n',
    '1. Boka tid\n2. Lämna bilen\n3. Hämta den\n\n',
    '```\nkod som visas som den är <b>x</b>\n```\n\n',
    'En rad med snake_case_ord, 2 * 3 * 4, [1] och https://example.se/sida.\nNy rad direkt efter.\n\n',
  ];
  return fill(parts.join(''), length);
}

const inputs: Record<string, (length: number) => string> = {
  'valid reply, mixed Markdown': reply,
  'valid reply, dense emphasis': (n) => fill('*kursiv* **fet** ', n),
  'valid reply, **a unclosed': (n) => fill('**a ', n),
  '[ repeated': (n) => fill('[', n),
  '] repeated': (n) => fill(']', n),
  '[[[x]]] nested': (n) => `${'['.repeat(n / 2)}x${']'.repeat(n / 2 - 1)}`,
  '[a]( unclosed links': (n) => fill('[a](', n),
  '[a](url) link chain': (n) => fill('[a](https://x.se/b) ', n),
  '[a](b ( unclosed titles': (n) => fill('[a](b (', n),
  '[a](< unclosed': (n) => fill('[a](<', n),
  '![[]() images': (n) => fill('![[]()', n),
  '*a **a nested emphasis': (n) => fill('*a **a ', n),
  '*_ alternating': (n) => fill('*_', n),
  '*** x *** runs': (n) => `${'*'.repeat(n / 2)}x${'*'.repeat(n / 2 - 1)}`,
  '` single': (n) => fill('`', n),
  '`a``a``` growing runs': (n) =>
    fill(Array.from({ length: 200 }, (_, index) => `${'`'.repeat(index + 1)}a`).join(''), n),
  'deep list, one per line': (n) =>
    fill(Array.from({ length: 40 }, (_, index) => `${' '.repeat(index * 2)}- x\n`).join(''), n),
  '- - - - on one line': (n) => fill('- ', n),
  '> > > quotes': (n) => fill('> ', n),
  '< repeated': (n) => fill('<', n),
  '<a  unclosed tags': (n) => fill('<a ', n),
  '\\ repeated': (n) => fill('\\', n),
  '&# references': (n) => fill('&#', n),
  'line endings': (n) => fill('a\n', n),
  'bare URLs': (n) => fill('https://a.se/ ', n),
  'inner spaces, then a break': (n) => `a${' '.repeat(n - 4)}b \nc`,
};

function cpuMs(run: () => void): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

// With --expose-gc each run starts from a clean heap, so a run does not pay for the last one's garbage.
const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => {});

function best(text: string, runs: number): number {
  let fastest = Number.POSITIVE_INFINITY;
  for (let index = 0; index < runs; index++) {
    collectGarbage();
    fastest = Math.min(
      fastest,
      cpuMs(() => parseMarkdown(text)),
    );
  }
  return fastest;
}

// Warm the JIT on a small reply so the first input does not pay for it.
for (let index = 0; index < 20; index++) parseMarkdown(reply(2_000));

console.log(
  `Markdown parser, CPU ms (best of runs); ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, load ${loadavg()
    .map((load) => load.toFixed(1))
    .join(' ')}, Node ${process.versions.node}\n`,
);
const column = (size: number) => `${size / 1000}k`.padStart(9);
console.log(`${'input'.padEnd(30)}${column(smallSize)}${column(largeSize)}   growth`);
const overBudget: string[] = [];
for (const [name, make] of Object.entries(inputs)) {
  const small = best(make(smallSize), 7);
  const large = best(make(largeSize), 3);
  if (large > budgetMs) overBudget.push(name);
  const ms = (value: number) => value.toFixed(1).padStart(9);
  const growth = large / Math.max(small, 0.1);
  console.log(`${name.padEnd(30)}${ms(small)}${ms(large)}   ${growth.toFixed(0).padStart(5)}×`);
}
if (overBudget.length > 0) {
  console.error(
    `\nOver ${budgetMs} ms at ${largeSize / 1000}k characters: ${overBudget.join(', ')}`,
  );
  process.exit(1);
}
console.log(
  `\nEvery input parsed within ${budgetMs} ms of CPU at ${largeSize / 1000}k characters.`,
);
