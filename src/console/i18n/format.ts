/** Dates and numbers in the console's language, through `Intl`. */
import { type CountForms, formatCount } from '../../i18n/format-count';
import type { Locale } from '../../protocol/common';
import { useLocale } from './locale';

const tag: Record<Locale, string> = { sv: 'sv-SE', en: 'en-GB' };

export interface Formatters {
  /** `3 feb. 2026 14:05` / `3 Feb 2026, 14:05`, in the browser's time zone. */
  dateTime(iso: string): string;
  /** `3 feb.` from `YYYY-MM-DD`, read as a calendar day (no time zone shift). */
  shortDay(day: string): string;
  /** `tis 3 feb. 2026` from `YYYY-MM-DD`. */
  longDay(day: string): string;
  number(value: number): string;
  /** 0.4567 → `46 %` / `46%`. */
  percent(share: number): string;
  /**
   * A counted phrase in the right number: `count(texts, 'messages', 1)` →
   * `1 meddelande` from `texts.messagesOne` (see `formatCount`).
   */
  count<Key extends string>(
    texts: CountForms<NoInfer<Key>>,
    key: Key,
    count: number,
    values?: Record<string, string | number>,
  ): string;
}

export function formatters(locale: Locale): Formatters {
  const dateTime = new Intl.DateTimeFormat(tag[locale], {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  const shortDay = new Intl.DateTimeFormat(tag[locale], {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
  const longDay = new Intl.DateTimeFormat(tag[locale], {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const number = new Intl.NumberFormat(tag[locale]);
  const percent = new Intl.NumberFormat(tag[locale], {
    style: 'percent',
    maximumFractionDigits: 0,
  });
  return {
    dateTime: (iso) => dateTime.format(new Date(iso)),
    shortDay: (day) => shortDay.format(new Date(`${day}T00:00:00Z`)),
    longDay: (day) => longDay.format(new Date(`${day}T00:00:00Z`)),
    number: (value) => number.format(value),
    percent: (share) => percent.format(share),
    count: (texts, key, count, values) => formatCount(locale, texts, key, count, values),
  };
}

/** The formatters for the current locale. */
export function useFormat(): Formatters {
  return formatters(useLocale());
}
