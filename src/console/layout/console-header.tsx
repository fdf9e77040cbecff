/** The top bar: skip link, product, the signed-in address, language, sign-out. */
import { Link } from 'wouter-preact';
import { formatText } from '../../i18n/define-texts';
import type { Locale } from '../../protocol/common';
import { useAccount, useClient } from '../api/client-context';
import { LanguageSwitch } from '../components/language-switch';
import { useTexts } from '../i18n/locale';
import { shellTexts } from '../i18n/shell-texts';

export function ConsoleHeader({ onLocale }: { onLocale: (locale: Locale) => void }) {
  const texts = useTexts(shellTexts);
  const { account } = useAccount();
  const client = useClient();

  async function signOut() {
    try {
      await client.signOut();
    } finally {
      // The server now answers this address with the sign-in page.
      location.reload();
    }
  }

  return (
    <header class="top-bar">
      <a class="skip-link" href="#content">
        {texts.skipToContent}
      </a>
      <Link href="/" class="brand">
        {texts.product} <span class="brand__sub">{texts.console}</span>
      </Link>
      <div class="top-bar__end">
        <span class="top-bar__user">{formatText(texts.signedInAs, { email: account.email })}</span>
        <LanguageSwitch onChange={onLocale} />
        <button type="button" class="button button--quiet" onClick={signOut}>
          {texts.signOut}
        </button>
      </div>
    </header>
  );
}
