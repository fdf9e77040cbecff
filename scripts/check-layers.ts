/**
 * `npm run check:layers`: the code keeps the shape ../shared/style.md gives it.
 *
 *   1. dependency-cruiser with `.dependency-cruiser.cjs`: imports point inward
 *      (pure → edges → services → ui → entries), the three programs (widget,
 *      server, console) and bot/ import only what they may, pure code imports
 *      no package but its parsers, no cycles, no file outside a layer;
 *   2. scripts/check-globals.ts: pure code touches no browser or Node global,
 *      the UI never calls fetch or a browser store (IndexedDB, web storage).
 *
 * Run from the repository root (CI) or from a copy of it (the tests that
 * inject violations, tests/unit/check-layers.test.ts). Exits 1 on any problem.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { checkGlobals } from './check-globals';

const root = process.cwd();
const cli = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

const cruise = spawnSync(
  process.execPath,
  [cli, 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err-long'],
  { cwd: root, encoding: 'utf8' },
);
const importsOk = cruise.status === 0;
if (!importsOk) console.error(`Imports:\n${cruise.stdout}${cruise.stderr}`);

const globals = checkGlobals(root);
for (const { file, line, name, layer, why } of globals) {
  console.error(`  error globals: ${file}:${line} uses ${name} (layer ${layer}: ${why})`);
}

if (!importsOk || globals.length > 0) process.exit(1);
console.log('Layers: every import points inward, and no layer touches a global it may not.');
