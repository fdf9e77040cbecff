/**
 * The console's language: the one chosen in the header, else the browser's
 * if it is Swedish or English, else Swedish. Kept in localStorage, which is
 * the console's own origin (not a visitor's browser).
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Texts } from '../../i18n/define-texts';
import type { Locale } from '../../protocol/common';

const storageKey = 'samtal-console-locale';

/** The locale to start in. */
export function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(storageKey);
    if (saved === 'sv' || saved === 'en') return saved;
  } catch {
    // Storage may be off; the browser's language decides then.
  }
  return navigator.languages.some((tag) => tag.toLowerCase().startsWith('sv'))
    ? 'sv'
    : navigator.languages.some((tag) => tag.toLowerCase().startsWith('en'))
      ? 'en'
      : 'sv';
}

/** Remembers the choice and sets the document's language. */
export function applyLocale(locale: Locale): void {
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(storageKey, locale);
  } catch {
    // Not remembered; the choice still holds for this page.
  }
}

export const LocaleContext = createContext<Locale>('sv');

/** The current locale's strings of one text table. */
export function useTexts<Key extends string>(table: Texts<Key>): Record<Key, string> {
  return table[useContext(LocaleContext)];
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}
