/**
 * Counted phrases in the right grammatical number: "1 förfrågan",
 * "2 förfrågningar"; "1 request", "21 requests". The form is chosen by the
 * language's CLDR plural rules through `Intl.PluralRules` (Swedish and English
 * both have the categories `one` and `other`; `one` is exactly the integer 1),
 * never by `count === 1` in a view.
 */
import type { Locale } from '../protocol/common';
import { formatText } from './define-texts';

/**
 * A text table's two forms of one counted phrase, as keys `{key}One` and
 * `{key}Other`, each a template holding `{count}`:
 * `{ requestsOne: '{count} förfrågan', requestsOther: '{count} förfrågningar' }`.
 */
export type CountForms<Key extends string> = Record<`${Key}One` | `${Key}Other`, string>;

const rules = new Map<Locale, Intl.PluralRules>();
const numbers = new Map<Locale, Intl.NumberFormat>();

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
  let plural = rules.get(locale);
  let number = numbers.get(locale);
  if (plural === undefined || number === undefined) {
    plural = new Intl.PluralRules(locale);
    number = new Intl.NumberFormat(locale);
    rules.set(locale, plural);
    numbers.set(locale, number);
  }
  const template = plural.select(count) === 'one' ? texts[`${key}One`] : texts[`${key}Other`];
  return formatText(template, { ...values, count: number.format(count) });
}
