/**
 * The sign-in page's entry. The server answers every `/admin/` page with this
 * page while there is no valid session, so after signing in, reloading the
 * same address shows the page that was asked for.
 */
import { render } from 'preact';
import { createAdminClient } from './api/create-admin-client';
import { applyLocale, initialLocale } from './i18n/locale';
import './styles/console.css';
import { SignInPage } from './views/sign-in-page';

const locale = initialLocale();
applyLocale(locale);
const root = document.getElementById('console');
if (root) {
  root.textContent = '';
  render(
    <SignInPage
      client={createAdminClient()}
      initialLocale={locale}
      onSignedIn={() => location.reload()}
    />,
    root,
  );
}
