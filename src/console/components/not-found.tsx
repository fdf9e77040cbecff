/** The page for an unknown address or another site's data: the same words for both. */
import { Link } from 'wouter-preact';
import { useTexts } from '../i18n/locale';
import { shellTexts } from '../i18n/shell-texts';
import { PageHeading } from './page-heading';

export function NotFound() {
  const texts = useTexts(shellTexts);
  return (
    <section class="not-found">
      <PageHeading title={texts.notFoundTitle} />
      <p>{texts.notFoundText}</p>
      <p>
        <Link href="~/admin/">{texts.backToStart}</Link>
      </p>
    </section>
  );
}
