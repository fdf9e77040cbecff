/** The console's entry: one admin client, the saved language, the app. */
import { render } from 'preact';
import { createAdminClient } from './api/create-admin-client';
import { ConsoleApp } from './console-app';
import { applyLocale, initialLocale } from './i18n/locale';
import './styles/console.css';

const locale = initialLocale();
applyLocale(locale);
// A 401 means the session ended (idle, signed out elsewhere, user removed):
// reloading lets the server answer with the sign-in page for this address.
const client = createAdminClient({ onSignedOut: () => location.reload() });
const root = document.getElementById('console');
if (root) {
  root.textContent = '';
  render(<ConsoleApp client={client} initialLocale={locale} />, root);
}
