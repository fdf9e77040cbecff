/**
 * What Samtal sends and stores is the same JSON whatever the host page did to
 * the built-ins (issue 15, item 10): Prototype.js 1.6's `toJSON` methods, a
 * replaced `JSON.stringify`, additions to `Object.prototype`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { writeJson } from '../../src/protocol/write-json';

const pristine = JSON.stringify;

const everyCodeUnit = Array.from({ length: 0x10000 }, (_, code) => String.fromCharCode(code)).join(
  '',
);

const samples: unknown[] = [
  {
    site: 'acme-se',
    visitorId: '1b4e28ba-2fa1-11d2-883f-0016d3cca427',
    consentIds: [],
    leadIds: ['a', 'b'],
  },
  {
    events: [
      { id: 'x', type: 'page-view', at: '2026-01-01T00:00:00.000Z', params: { n: 1.5, ok: true } },
    ],
  },
  [1, -0, 0.1, 1e21, 1e-7, Number.NaN, Number.POSITIVE_INFINITY, null, undefined, () => 1, 'x'],
  { skipped: undefined, fn: () => 1, kept: null, nested: { deeper: [[], {}, [[]]] } },
  'quote " backslash \\ slash / tab \t newline \n line separator \u2028 emoji 😀',
  `lone high \ud800 then low \udc00 and a pair \ud83d\ude00 and reversed \ude00\ud83d`,
  everyCodeUnit,
  { [everyCodeUnit.slice(0, 64)]: 'keys are escaped too' },
  'plain',
  42,
  true,
  null,
];

describe('writeJson', () => {
  it('writes what a pristine JSON.stringify writes', () => {
    for (const sample of samples) expect(writeJson(sample)).toBe(pristine(sample));
  });

  it('indents like JSON.stringify', () => {
    for (const sample of samples.slice(0, 4)) {
      expect(writeJson(sample, 2)).toBe(pristine(sample, null, 2));
      expect(writeJson(sample, '\t')).toBe(pristine(sample, null, '\t'));
    }
  });

  it('throws on a cycle and on what JSON cannot hold', () => {
    const cycle: { self?: unknown } = {};
    cycle.self = cycle;
    expect(() => writeJson(cycle)).toThrow(TypeError);
    expect(() => writeJson(undefined)).toThrow(TypeError);
    expect(() => writeJson(10n)).toThrow(TypeError);
  });

  describe('on a page that replaced the built-ins', () => {
    const installed: (() => void)[] = [];
    const install = <T extends object>(
      target: T,
      key: string,
      value: unknown,
      enumerable = false,
    ) => {
      const before = Object.getOwnPropertyDescriptor(target, key);
      Object.defineProperty(target, key, { value, enumerable, configurable: true, writable: true });
      installed.push(() => {
        if (before) Object.defineProperty(target, key, before);
        else delete (target as Record<string, unknown>)[key];
      });
    };
    afterEach(() => {
      for (const undo of installed.splice(0).reverse()) undo();
    });

    it('ignores Prototype 1.6 toJSON methods, a replaced JSON.stringify and Object.prototype additions', () => {
      const expected = samples.map((sample) => pristine(sample));
      // Prototype 1.6.1: Array#toJSON and String#toJSON return encoded strings.
      install(Array.prototype, 'toJSON', function (this: unknown[]) {
        return `[${this.map((item) => pristine(item)).join(', ')}]`;
      });
      install(String.prototype, 'toJSON', function (this: string) {
        return `"${this}"`;
      });
      install(Date.prototype, 'toJSON', function (this: Date) {
        return `"${this.getTime()}"`;
      });
      // json.js (2007) extended Object.prototype with an enumerable method.
      install(Object.prototype, 'toJSONString', () => 'broken', true);
      install(JSON, 'stringify', () => '"replaced by the page"');

      expect(samples.map((sample) => writeJson(sample))).toEqual(expected);
      expect(JSON.stringify([1])).toBe('"replaced by the page"');
    });
  });
});
