/**
 * Counted phrases (src/i18n/format-count.ts): the form follows CLDR plural
 * rules through Intl.PluralRules, so "1 förfrågan" but "0/2/21 förfrågningar"
 * (Swedish and English have no special form for 21, unlike e.g. Russian).
 * And the kind of fault: every text in the widget's and the console's tables
 * that puts a word after a count uses such forms, so "1 förfrågningar" cannot
 * come back through a new text.
 */
import { describe, expect, it } from 'vitest';
import { defineTexts } from '../../src/i18n/define-texts';
import { formatCount } from '../../src/i18n/format-count';

const texts = defineTexts({
  sv: {
    requestsOne: '{count} förfrågan',
    requestsOther: '{count} förfrågningar',
    leftOne: '{count} dag kvar för {who}',
    leftOther: '{count} dagar kvar för {who}',
  },
  en: {
    requestsOne: '{count} request',
    requestsOther: '{count} requests',
    leftOne: '{count} day left for {who}',
    leftOther: '{count} days left for {who}',
  },
});

describe('formatCount', () => {
  it.each([
    [0, '0 förfrågningar', '0 requests'],
    [1, '1 förfrågan', '1 request'],
    [2, '2 förfrågningar', '2 requests'],
    [21, '21 förfrågningar', '21 requests'],
  ])('%i → %s / %s', (count, sv, en) => {
    expect(formatCount('sv', texts.sv, 'requests', count)).toBe(sv);
    expect(formatCount('en', texts.en, 'requests', count)).toBe(en);
  });

  it("writes the number in the language's digits and fills the other placeholders", () => {
    // Swedish groups thousands with a no-break space, English with a comma.
    expect(formatCount('sv', texts.sv, 'requests', 1234)).toBe('1\u00a0234 förfrågningar');
    expect(formatCount('en', texts.en, 'requests', 1234)).toBe('1,234 requests');
    expect(formatCount('sv', texts.sv, 'left', 1, { who: 'Åsa' })).toBe('1 dag kvar för Åsa');
    expect(formatCount('en', texts.en, 'left', 3, { who: 'Bo', count: 99 })).toBe(
      '3 days left for Bo',
    );
  });

  it('refuses at compile time a key without both forms', () => {
    // @ts-expect-error: there is no leadsOne/leadsOther in the table
    expect(() => formatCount('sv', texts.sv, 'leads', 1)).toThrow();
  });
});

type Table = Record<string, Record<string, string>>;
/** Words after a count that are the same for every number: "och {count} till", "and {count} more". */
const invariant = new Set(['recipientsMore']);
const tables = {
  ...import.meta.glob<Table>('../../src/i18n/*-texts.ts', { eager: true }),
  ...import.meta.glob<Table>('../../src/console/i18n/*-texts.ts', { eager: true }),
};

describe('every counted text', () => {
  it('finds the widget and console tables', () => {
    expect(Object.keys(tables)).toContain('../../src/console/i18n/rights-texts.ts');
    expect(Object.keys(tables)).toContain('../../src/i18n/core-texts.ts');
  });

  for (const [file, module] of Object.entries(tables)) {
    for (const [name, table] of Object.entries(module)) {
      it(`${file.replace('../../src/', '')} ${name}: a word after {count} comes in One and Other forms`, () => {
        for (const [locale, entries] of Object.entries(table)) {
          for (const [key, text] of Object.entries(entries)) {
            // A number followed by a word ("{count} dagar", "{count} min") needs a form per number.
            if (!/\{count\}\s*\p{L}/u.test(text) || invariant.has(key)) continue;
            const base = key.replace(/(One|Other)$/, '');
            expect(key, `${locale}.${key}: "${text}"`).toMatch(/(One|Other)$/);
            expect(entries, `${locale}.${key}`).toHaveProperty(`${base}One`);
            expect(entries, `${locale}.${key}`).toHaveProperty(`${base}Other`);
          }
        }
      });
    }
  }
});
