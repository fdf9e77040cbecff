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
