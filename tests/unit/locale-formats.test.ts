/**
 * The widget writes lists, integers and dates itself (src/i18n/define-texts.ts (formatList),
 * format-integer.ts, src/ui/your-data/format-date.ts) instead of through
 * Intl, whose first use in a page is a long task. Written out, they must still
 * say exactly what Intl says for Swedish and English: compared here with
 * Node's full-ICU Intl over many inputs.
 */
import { describe, expect, it } from 'vitest';
import { formatInteger } from '../../src/i18n/format-integer';
import { formatList } from '../../src/i18n/define-texts';
import type { Locale } from '../../src/protocol/common';
import { formatDate } from '../../src/ui/your-data/format-date';

const locales: Locale[] = ['sv', 'en'];

describe.each(locales)('%s', (locale) => {
  it('joins lists of 0 to 6 names as Intl.ListFormat does', () => {
    const names = ['Analys AB', 'Åre Data', 'Meta', 'Google', 'X, Inc.', 'Ö'];
    const intl = new Intl.ListFormat(locale, { type: 'conjunction' });
    for (let length = 0; length <= names.length; length++) {
      const items = names.slice(0, length);
      expect(formatList(locale, items)).toBe(intl.format(items));
    }
  });

  it('writes integers as Intl.NumberFormat does', () => {
    const intl = new Intl.NumberFormat(locale);
    const samples = [
      0, 1, 9, 10, 999, 1000, 1234, 9999, 10_000, 123_456, 1_000_000, 20_000, -1, -1234,
    ];
    for (let n = 1; n < Number.MAX_SAFE_INTEGER / 7; n *= 7) samples.push(n, -n);
    for (const n of samples) expect(formatInteger(locale, n)).toBe(intl.format(n));
  });

  it('writes dates as Intl.DateTimeFormat with dateStyle long does, in local time', () => {
    const intl = new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', {
      dateStyle: 'long',
    });
    for (let day = 0; day < 800; day += 3) {
      const instant = new Date(Date.UTC(2025, 11, 30, 23, 30) + day * 86_400_000).toISOString();
      expect(formatDate(instant, locale)).toBe(intl.format(new Date(instant)));
    }
  });
});

it('gives an empty date for an unreadable instant instead of throwing into the page', () => {
  expect(formatDate('not a date', 'sv')).toBe('');
});
