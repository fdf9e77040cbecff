/**
 * The boot checks the config without zod (src/config/check-config.ts); the
 * zod schema (src/config/config-schema.ts) is the definition. Both run over
 * the same inputs, every key with every kind of value, and must agree on the
 * data and on each key's first message.
 */
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { type ConfigProblem, checkConfig, configKeys } from '../../src/config/check-config';
import { configSchema } from '../../src/config/config-schema';

/** What the schema says, reduced as the widget reports it: a key's first issue, unknown keys named. */
function bySchema(values: Record<string, unknown>) {
  const result = configSchema.safeParse(values);
  if (result.success) return { success: true, data: result.data };
  const problems = new Map<string, ConfigProblem>();
  for (const issue of result.error.issues) {
    // Unknown keys of the config itself; one inside a value (a recipient's `email`) is that key's.
    if (issue.code === 'unrecognized_keys' && issue.path.length === 0) {
      for (const key of issue.keys) problems.set(key, { key, unknown: true });
      continue;
    }
    const key = String(issue.path[0] ?? '');
    if (!problems.has(key)) problems.set(key, { key, message: issue.message });
  }
  return { success: false, problems: [...problems.values()] };
}

const minimal = { site: 'acme-se', collector: 'https://collect.example.se/v1' };

/** Values of every kind a site owner (or a data-* attribute after conversion) might give. */
const values: unknown[] = [
  undefined,
  null,
  true,
  false,
  0,
  1,
  -1,
  0.5,
  1.5,
  30,
  60,
  120,
  121,
  365,
  366,
  2147483000,
  2147483647,
  2147483648,
  1e20,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  '',
  ' ',
  'x',
  '1',
  'sv',
  'en',
  'fi',
  'banner',
  'host',
  'bottom-left',
  'bottom-right',
  'acme-se',
  'Acme SE',
  'a'.repeat(60),
  'a'.repeat(61),
  'a'.repeat(64),
  'a'.repeat(65),
  'https://collect.example.se/v1',
  'https://collect.example.se/v1//',
  'http://localhost:8787/v1/',
  'http://127.0.0.1',
  'http://collect.example.se',
  'https://user:pw@collect.example.se',
  'https://collect.example.se/v1?key=1',
  'https://collect.example.se/v1#top',
  'ftp://collect.example.se',
  'not a url',
  '/integritetspolicy',
  '//evil.example',
  '/with space',
  'javascript:alert(1)',
  'https://',
  [],
  ['name'],
  ['name', 'email', 'phone', 'orgnr'],
  ['name', 'address'],
  ['address', 3],
  [3],
  ['card', 'iban'],
  ['personnummer', 'iban', 'card'],
  ['utm_source', 'gclid'],
  ['bad param'],
  ['a'.repeat(65)],
  [''],
  {},
  { name: 'x' },
  160,
  161,
  400,
  401,
  [{ name: 'Acme AB' }],
  [{ name: 'Acme AB', role: 'controller', country: 'Sweden' }],
  [{ name: 'Acme AB', role: undefined }],
  [{ name: ' ' }],
  [{ name: 'a'.repeat(100) }, { name: 'a'.repeat(101) }],
  [{ name: 'Acme AB', role: 'r'.repeat(201) }],
  [{ name: 'Acme AB', country: '' }],
  [{ name: 'Acme AB', email: 'dpo@acme.example' }],
  [{ email: 'dpo@acme.example' }],
  [{ role: 'controller' }],
  [{ name: 3 }],
  [null],
  [['Acme AB']],
  Array.from({ length: 20 }, (_, index) => ({ name: `R${index}` })),
  Array.from({ length: 21 }, (_, index) => ({ name: `R${index}` })),
];

describe('checkConfig', () => {
  it('knows exactly the keys the schema has, in its order', () => {
    expect(configKeys).toEqual(Object.keys(configSchema.def.shape));
  });

  it('agrees with the schema on every key with every kind of value', () => {
    // Collected and compared once: an expect per case is too slow for a loaded machine.
    const disagreements: unknown[] = [];
    for (const key of configKeys) {
      for (const value of values) {
        const input = { ...minimal, [key]: value };
        const checked = checkConfig(input);
        const expected = bySchema(input);
        if (!isDeepStrictEqual(checked, expected))
          disagreements.push({ key, value, checked, expected });
      }
    }
    expect(disagreements).toEqual([]);
    // About 1,300 parses with zod's JIT off: seconds on a loaded machine.
  }, 20_000);

  it('agrees on missing keys, several bad keys and unknown keys, in the same order', () => {
    const inputs: Record<string, unknown>[] = [
      {},
      { site: 'acme-se' },
      { colour: 'red', ...minimal },
      { colour: 'red', size: 3, site: 'Acme', zIndex: 'high', fields: [] },
      { ...minimal, chat: undefined, locale: undefined, historyDays: undefined },
      { ...minimal, redact: ['iban'], keepParams: ['ref'], debug: true, botName: 'Samtalsboten' },
    ];
    for (const input of inputs) expect(checkConfig(input)).toEqual(bySchema(input));
  });

  it('gives each page its own copy of a default list', () => {
    const first = checkConfig(minimal);
    const second = checkConfig(minimal);
    if (!first.success || !second.success) throw new Error('the minimal config must pass');
    first.data.fields.push('phone');
    expect(second.data.fields).toEqual(['name', 'email']);
  });
});
