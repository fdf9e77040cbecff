/**
 * A date in the visitor's language, as the data view writes it: "1 mars 2026",
 * "1 March 2026", in the visitor's own time zone. Output equals
 * `Intl.DateTimeFormat('sv-SE' | 'en-GB', { dateStyle: 'long' })` (CLDR month
 * names; tests/unit/locale-formats.test.ts compares the two), written out
 * because a page's first `Intl.DateTimeFormat` is a long task
 * (src/i18n/define-texts.ts (formatList)).
 */
import type { Locale } from '../../protocol/common';

const months: Record<Locale, readonly string[]> = {
  sv: 'januari februari mars april maj juni juli augusti september oktober november december'.split(
    ' ',
  ),
  en: 'January February March April May June July August September October November December'.split(
    ' ',
  ),
};

/** `iso`, an ISO 8601 instant, as "day month year"; an unreadable instant gives "". */
export function formatDate(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getDate()} ${months[locale][date.getMonth()]} ${date.getFullYear()}`;
}
