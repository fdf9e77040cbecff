/**
 * An integer in the language's digits: "1 234" (a no-break space groups
 * thousands) and "−5" (U+2212 minus) in Swedish; "1,234" and "-5" in English.
 * Output equals `new Intl.NumberFormat(locale).format(n)` for integers (CLDR
 * number symbols, grouping from 4 digits for both languages;
 * tests/unit/locale-formats.test.ts compares the two), written out because
 * a page's first `Intl.NumberFormat` costs 35–60 ms of main-thread time
 * (ICU locale data; see formatList in define-texts.ts).
 */
import type { Locale } from '../protocol/common';

const symbols: Record<Locale, { group: string; minus: string }> = {
  sv: { group: '\u00a0', minus: '\u2212' },
  en: { group: ',', minus: '-' },
};

/** `n`, a safe integer (a count, a length), grouped by thousands; a fraction is rounded first. */
export function formatInteger(locale: Locale, n: number): string {
  const { group, minus } = symbols[locale];
  const rounded = Math.round(n);
  const grouped = String(Math.abs(rounded)).replace(/\B(?=(\d{3})+$)/g, group);
  return rounded < 0 ? `${minus}${grouped}` : grouped;
}
