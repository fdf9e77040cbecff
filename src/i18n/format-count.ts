/**
 * Counted phrases in the right grammatical number: "1 förfrågan",
 * "2 förfrågningar"; "1 request", "21 requests". The form is chosen by the
 * language's CLDR plural rules, in this one place and never by `count === 1`
 * in a view. Swedish and English both have the cardinal categories `one`
 * (`i = 1 and v = 0`: exactly the integer 1) and `other` (CLDR
 * plurals.xml); a language with more categories would need
 * `Intl.PluralRules` here. Numbers are written by formatInteger, not
 * `Intl.NumberFormat`, whose first use costs a long task (formatList in define-texts.ts).
 */
import type { Locale } from '../protocol/common';
import { formatText } from './define-texts';
import { formatInteger } from './format-integer';

/**
 * A text table's two forms of one counted phrase, as keys `{key}One` and
 * `{key}Other`, each a template holding `{count}`:
 * `{ requestsOne: '{count} förfrågan', requestsOther: '{count} förfrågningar' }`.
 */
export type CountForms<Key extends string> = Record<`${Key}One` | `${Key}Other`, string>;

/**
 * The form of `texts[key…]` for `count` (an integer ≥ 0), with `{count}`
 * filled by the number in the locale's digits ("1 000" in Swedish) and any
 * other `{name}` from `values`. Plain text, never HTML.
 */
export function formatCount<Key extends string>(
  locale: Locale,
  texts: CountForms<NoInfer<Key>>,
  key: Key,
  count: number,
  values: Record<string, string | number> = {},
): string {
  const template = count === 1 ? texts[`${key}One`] : texts[`${key}Other`];
  return formatText(template, { ...values, count: formatInteger(locale, count) });
}
