/**
 * `npm run check:layers`: imports point inward (../shared/style.md).
 *
 *   0 pure      protocol, config, fields, i18n, api, state, data, chat/markdown, chat/demo-bot,
 *               consent/consent-rules — no window, document, fetch or IndexedDB
 *   1 edges     storage, net, and browser-facing telemetry/chat transports
 *   2 services  consent, telemetry, chat, leads, rights, data/erase-visitor-data
 *   3 ui        ui
 *   4 entries   embed.ts, index.ts, loader.ts, create-samtal.ts, create-services.ts, report-config-issues.ts
 *   server      may import only layer 0; nothing in the widget imports server/
 *
 * A file may import from its own layer or an inner one. Type-only imports
 * count too: a type from an outer layer is still a dependency on it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const src = new URL('../src/', import.meta.url).pathname;

/** The most specific rule wins: longer prefixes are checked first. */
const layers: [prefix: string, layer: number | 'server'][] = [
  ['server/', 'server'],
  ['protocol/', 0],
  ['config/', 0],
  ['fields/', 0],
  ['i18n/', 0],
  ['api/', 0],
  ['state/', 0],
  ['data/', 0],
  ['chat/markdown', 0],
  ['chat/demo-bot', 0],
  ['chat/sse-parser', 0],
  ['consent/consent-rules', 0],
  ['consent/may-send', 0],
  ['consent/consent-service', 0],
  ['telemetry/minimise-url', 0],
  ['telemetry/parse-user-agent', 0],
  ['data/erase-visitor-data', 2],
  ['storage/', 1],
  ['net/', 1],
  ['consent/', 2],
  ['telemetry/', 2],
  ['chat/', 2],
  ['leads/', 2],
  ['rights/', 2],
  ['ui/', 3],
  ['', 4],
];
layers.sort((a, b) => b[0].length - a[0].length);

const browserGlobals =
  /\b(window|document|fetch|indexedDB|localStorage|sessionStorage|navigator)\s*[.(]/;

function layerOf(file: string): number | 'server' {
  const path = relative(src, file);
  for (const [prefix, layer] of layers) if (path.startsWith(prefix)) return layer;
  return 4;
}

function files(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

function resolve(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = join(dirname(from), specifier.replace(/\?.*$/, ''));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // Tries the next candidate.
    }
  }
  return base;
}

const problems: string[] = [];
const importPattern =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

for (const file of files(src)) {
  const code = readFileSync(file, 'utf8');
  const own = layerOf(file);
  const name = relative(src, file);
  if (own === 0) {
    const withoutComments = code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    const match = withoutComments.match(browserGlobals);
    if (match) problems.push(`${name}: pure module uses the browser (${match[0]})`);
  }
  for (const match of code.matchAll(importPattern)) {
    const specifier = match[1] ?? match[2] ?? '';
    const target = resolve(file, specifier);
    if (target === null || !target.startsWith(src)) continue;
    const theirs = layerOf(target);
    const targetName = relative(src, target);
    if (own === 'server') {
      if (theirs !== 0 && theirs !== 'server')
        problems.push(`${name}: the server may import only pure modules, not ${targetName}`);
      continue;
    }
    if (theirs === 'server') {
      problems.push(`${name}: the widget must not import the server (${targetName})`);
      continue;
    }
    if (theirs > own)
      problems.push(`${name} (layer ${own}) imports ${targetName} (layer ${theirs}): outward`);
  }
}

if (problems.length > 0) {
  console.error(
    `Import direction: ${problems.length} problem(s)\n${problems.map((p) => `  ${p}`).join('\n')}`,
  );
  process.exit(1);
}
console.log('Import direction: every import points inward.');
