/**
 * String tables. Each feature keeps its sv and en texts side by side in one
 * file, so a lazy chunk carries only its own words; `defineTexts` makes the
 * compiler refuse a table whose languages do not have identical keys.
 */
import type { Locale } from '../protocol/common';

/** sv and en tables with the same keys. */
export type Texts<Key extends string> = Record<Locale, Record<Key, string>>;

/** Declares a feature's texts; both languages must have exactly the keys of `sv`. */
export function defineTexts<const Key extends string>(texts: {
  sv: Record<Key, string>;
  en: Record<NoInfer<Key>, string>;
}): Texts<Key> {
  return texts;
}

/**
 * Fills `{name}` placeholders. Values are plain strings and the result is
 * rendered as text, never as HTML.
 */
export function formatText(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in values ? String(values[name]) : match,
  );
}

/**
 * A list of names joined the way the language writes it: "A och B",
 * "A, B och C"; "A and B", "A, B, and C". Output equals
 * `new Intl.ListFormat(locale, { type: 'conjunction' })` (CLDR 46 list
 * patterns, `standard` width; tests/unit/locale-formats.test.ts compares the
 * two), written out because a page's first `Intl.ListFormat`,
 * `NumberFormat` or `DateTimeFormat` loads ICU locale data on the main
 * thread: 35–60 ms on a desktop core, 135–260 ms at 4× CPU throttling, in one
 * task (measured in Chromium, README "Long tasks").
 *
 * It lives here, in the boot, because the banner and the chat both use it: in
 * a file of its own it became a shared chunk of its own, one more request
 * the banner waited for.
 *
 * `items` joined; an empty list gives "". Plain text, never HTML.
 */
export function formatList(locale: Locale, items: readonly string[]): string {
  const last = items.length - 1;
  if (last < 1) return items.join('');
  // English puts a serial comma before "and" in a list of three or more; Swedish does not.
  const and = locale === 'sv' ? ' och ' : last > 1 ? ', and ' : ' and ';
  return `${items.slice(0, last).join(', ')}${and}${items[last]}`;
}
