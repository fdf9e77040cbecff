/**
 * `npm run check:layers` catches what ../shared/style.md forbids. Each case
 * injects one violation into a copy of the repository's src/, the copy is
 * checked once, and each test looks for its own violation in the report;
 * a last test makes sure nothing else in the copy was reported, so the
 * untouched code passes the same rules.
 */
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = new URL('../../', import.meta.url).pathname;

interface Injection {
  /** What the test is called. */
  rule: string;
  /** The file changed or created, relative to the copy's root. */
  file: string;
  /** Appended to an existing file, or the whole of a new one. */
  code: string;
  /** The line of the report that names this violation. */
  reported: RegExp;
}

// The first six are the ones the old regex check missed (issue 15, item 7).
const injections: Injection[] = [
  {
    rule: 'a package import into pure code',
    file: 'src/fields/luhn.ts',
    code: `import { get } from 'idb-keyval';\nexport const readStored = get;\n`,
    reported: /error pure-packages: src\/fields\/luhn\.ts → \S*node_modules\/idb-keyval\//,
  },
  {
    rule: 'a side-effect import pointing outward',
    file: 'src/protocol/regexes.ts',
    code: `import '../ui/launcher';\n`,
    reported: /error pure-imports-inward: src\/protocol\/regexes\.ts → src\/ui\/launcher\.ts/,
  },
  {
    rule: 'fetch called in the UI',
    file: 'src/ui/create-element.ts',
    code: `export const ping = () => fetch('/ping', { method: 'POST' });\n`,
    reported: /error globals: src\/ui\/create-element\.ts:\d+ uses fetch/,
  },
  {
    rule: 'a new folder, which must not default to the loosest layer',
    file: 'src/helpers/format-date.ts',
    code: `import { uuidPattern } from '../protocol/regexes';\nexport const formatDate = (at: Date) => [uuidPattern, at.toISOString()];\n`,
    reported: /error not-in-a-layer: src\/helpers\/format-date\.ts/,
  },
  {
    rule: 'a new top-level file, which is no entry point',
    file: 'src/create-samtal-helpers.ts',
    code: `export const formatTime = (at: Date) => at.toISOString();\n`,
    reported: /error not-in-a-layer: src\/create-samtal-helpers\.ts/,
  },
  {
    rule: 'a cycle',
    file: 'src/state/create-observable.ts',
    code: `import { createEmitter } from '../api/create-emitter';\nexport const emitterForState = createEmitter;\n`,
    reported: /error no-circular: src\/(state\/create-observable|api\/create-emitter)\.ts/,
  },
  {
    rule: 'a cycle (its other half)',
    file: 'src/api/create-emitter.ts',
    code: `import { createObservable } from '../state/create-observable';\nexport const stateForEmitter = createObservable;\n`,
    reported: /error no-circular: src\/(state\/create-observable|api\/create-emitter)\.ts/,
  },
  {
    rule: 'an outward type-only import',
    file: 'src/config/config-schema.ts',
    code: `import type { WidgetContext } from '../ui/widget-context';\nexport type ConfigContext = WidgetContext['config'];\n`,
    reported:
      /error pure-imports-inward: src\/config\/config-schema\.ts → src\/ui\/widget-context\.ts/,
  },
  {
    rule: 'an outward re-export',
    file: 'src/net/backoff.ts',
    code: `export { createChatService } from '../chat/create-chat-service';\n`,
    reported:
      /error edges-imports-inward: src\/net\/backoff\.ts → src\/chat\/create-chat-service\.ts/,
  },
  {
    rule: 'an outward dynamic import',
    file: 'src/leads/lead-records.ts',
    code: `export const loadLauncher = () => import('../ui/launcher');\n`,
    reported: /error services-imports-inward: src\/leads\/lead-records\.ts → src\/ui\/launcher\.ts/,
  },
  {
    rule: 'the UI importing the composition root',
    file: 'src/ui/adopt-styles.ts',
    code: `import type { SamtalApi } from '../api/samtal-api';\nimport { version } from '../create-samtal';\nexport const shown = (api: SamtalApi) => [api, version];\n`,
    reported: /error ui-imports-inward: src\/ui\/adopt-styles\.ts → src\/create-samtal\.ts/,
  },
  {
    rule: 'pure code reaching the browser through globalThis',
    file: 'src/i18n/define-texts.ts',
    code: `export const stored = () => globalThis.localStorage.getItem('x');\nconst { fetch: send } = globalThis;\nexport const sendAway = send;\n`,
    reported: /error globals: src\/i18n\/define-texts\.ts:\d+ uses localStorage/,
  },
  {
    rule: 'pure code touching the document',
    file: 'src/consent/consent-rules.ts',
    code: `export const pageTitle = () => document.title;\n`,
    reported: /error globals: src\/consent\/consent-rules\.ts:\d+ uses document/,
  },
  {
    rule: 'pure code reading Node’s process',
    file: 'src/markdown/parse-markdown.ts',
    code: `export const debugMarkdown = () => process.env.SAMTAL_DEBUG === '1';\n`,
    reported: /error globals: src\/markdown\/parse-markdown\.ts:\d+ uses process/,
  },
  {
    rule: 'the UI sending a beacon',
    file: 'src/ui/launcher.ts',
    code: `export const beacon = () => navigator.sendBeacon('/x', 'y');\n`,
    reported: /error globals: src\/ui\/launcher\.ts:\d+ uses sendBeacon/,
  },
  {
    rule: 'the UI reading web storage itself',
    file: 'src/ui/use-observable.ts',
    code: `export const seen = () => localStorage.getItem('x') ?? window.sessionStorage.getItem('y');\n`,
    reported: /error globals: src\/ui\/use-observable\.ts:\d+ uses localStorage/,
  },
  {
    rule: 'the UI reading web storage through window',
    file: 'src/ui/watch-bottom-bar.ts',
    code: `export const kept = (win: Window) => win.sessionStorage.getItem('y');\n`,
    reported: /error globals: src\/ui\/watch-bottom-bar\.ts:\d+ uses sessionStorage/,
  },
  {
    rule: 'the widget importing the server',
    file: 'src/telemetry/watch-navigation.ts',
    code: `import { truncateIp } from '../server/truncate-ip';\nexport const cut = truncateIp;\n`,
    reported:
      /error widget-not-into-other-programs: src\/telemetry\/watch-navigation\.ts → src\/server\/truncate-ip\.ts/,
  },
  {
    rule: 'the widget importing bot/',
    file: 'src/chat/create-chat-transport.ts',
    code: `import { matchQuestion } from '../bot/match-question';\nexport const match = matchQuestion;\n`,
    reported:
      /error widget-not-into-other-programs: src\/chat\/create-chat-transport\.ts → src\/bot\/match-question\.ts/,
  },
  {
    rule: 'bot/ importing Node I/O',
    file: 'src/bot/match-question.ts',
    code: `import { readFileSync } from 'node:fs';\nexport const matchQuestion = (file: string) => readFileSync(file, 'utf8');\n`,
    reported: /error no-node-in-browser-code: src\/bot\/match-question\.ts → (node:)?fs/,
  },
  {
    rule: 'bot/ importing the widget’s sender',
    file: 'src/bot/ask-model.ts',
    code: `import { backoffDelay } from '../net/backoff';\nexport const askModel = backoffDelay;\n`,
    reported: /error bot-imports: src\/bot\/ask-model\.ts → src\/net\/backoff\.ts/,
  },
  {
    rule: 'the widget importing the console',
    file: 'src/embed.ts',
    code: `import { consoleTitle } from './console/console-title';\nexport const title = consoleTitle;\n`,
    reported:
      /error widget-not-into-other-programs: src\/embed\.ts → src\/console\/console-title\.ts/,
  },
  {
    rule: 'the console importing widget code beyond protocol/ and i18n/',
    file: 'src/console/console-title.ts',
    code: `import { defineTexts } from '../i18n/define-texts';\nimport { siteId } from '../protocol/common';\nimport { parseConfig } from '../config/parse-config';\nexport const consoleTitle = [defineTexts, siteId, parseConfig];\n`,
    reported:
      /error console-imports: src\/console\/console-title\.ts → src\/config\/parse-config\.ts/,
  },
  {
    rule: 'the server importing the UI',
    file: 'src/server/match-origin.ts',
    code: `import { launcherLabel } from '../ui/launcher';\nexport const label = launcherLabel;\n`,
    reported: /error server-imports: src\/server\/match-origin\.ts → src\/ui\/launcher\.ts/,
  },
  {
    rule: 'the server importing the console’s sources',
    file: 'src/server/truncate-ip.ts',
    code: `import { consoleTitle } from '../console/console-title';\nexport const shownTitle = consoleTitle;\n`,
    reported:
      /error server-imports: src\/server\/truncate-ip\.ts → src\/console\/console-title\.ts/,
  },
  {
    rule: 'a shared Markdown module importing the UI library',
    file: 'src/markdown/render-markdown.ts',
    code: `import { h } from 'preact';\nexport const renderMarkdown = (text: string) => h('p', null, text);\n`,
    reported: /error pure-packages: src\/markdown\/render-markdown\.ts → \S*node_modules\/preact\//,
  },
  {
    rule: 'widget code importing a devDependency',
    file: 'src/storage/create-preference-store.ts',
    code: `import { http } from 'msw';\nexport const mock = http;\n`,
    reported:
      /error no-dev-dependencies: src\/storage\/create-preference-store\.ts → \S*node_modules\/msw\//,
  },
  {
    rule: 'the widget importing a Node core module',
    file: 'src/net/outbox-flag.ts',
    code: `import { createHash } from 'node:crypto';\nexport const hash = createHash;\n`,
    reported: /error no-node-in-browser-code: src\/net\/outbox-flag\.ts → (node:)?crypto/,
  },
];

let copy = '';
let report = '';
let status: number | null = null;

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'samtal-layers-'));
  for (const entry of [
    'src',
    'scripts',
    'tsconfig.json',
    'package.json',
    '.dependency-cruiser.cjs',
  ]) {
    cpSync(join(repo, entry), join(copy, entry), { recursive: true });
  }
  symlinkSync(join(repo, 'node_modules'), join(copy, 'node_modules'), 'dir');
  for (const { file, code } of injections) {
    const path = join(copy, file);
    mkdirSync(dirname(path), { recursive: true });
    try {
      appendFileSync(path, `\n${code}`, { flag: 'r+' });
    } catch {
      writeFileSync(path, code);
    }
  }
  const run = spawnSync(join(repo, 'node_modules/.bin/tsx'), ['scripts/check-layers.ts'], {
    cwd: copy,
    encoding: 'utf8',
  });
  status = run.status;
  report = `${run.stdout}${run.stderr}`;
}, 180_000);

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe('npm run check:layers', () => {
  it('fails when a violation is present', () => {
    expect(status).toBe(1);
  });

  for (const { rule, reported } of injections) {
    it(`catches ${rule}`, () => {
      expect(report).toMatch(reported);
    });
  }

  it('reports nothing in the files left as they are', () => {
    const injected = injections.map(({ file }) => file);
    // One entry per error; a cycle's entry goes on over the lines naming its modules.
    const errors = report.split(/\n(?=\s*error )/).filter((entry) => /^\s*error /.test(entry));
    const strays = errors.filter((entry) => !injected.some((file) => entry.includes(file)));
    expect(strays).toEqual([]);
  });
});
