/** Svenska / English, as two toggle buttons; each names itself in its own language. */
import type { Locale } from '../../protocol/common';
import { useLocale, useTexts } from '../i18n/locale';
import { shellTexts } from '../i18n/shell-texts';

const names: Record<Locale, string> = { sv: 'Svenska', en: 'English' };

export function LanguageSwitch({ onChange }: { onChange: (locale: Locale) => void }) {
  const locale = useLocale();
  const texts = useTexts(shellTexts);
  return (
    <fieldset class="language-switch">
      <legend class="visually-hidden">{texts.language}</legend>
      {(['sv', 'en'] as const).map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          class="chip"
          aria-pressed={option === locale}
          onClick={() => onChange(option)}
        >
          {names[option]}
        </button>
      ))}
    </fieldset>
  );
}
