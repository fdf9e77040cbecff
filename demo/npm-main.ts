/** The npm demo: `init(config)` instead of a script tag, with the same mocked backend and inspector. */
import { init } from '../src/index';
import { startDemoBackend } from './start-demo-backend';

await startDemoBackend();
const samtal = init({
  site: 'ljungberg-ek',
  collector: 'https://collector.example/v1',
  chat: 'https://bot.example/v1/chat',
  locale: 'en',
  fields: ['name', 'email'],
  policyUrl: '/integritetspolicy.html',
});
document.getElementById('open-chat')?.addEventListener('click', () => samtal.open());
document.getElementById('reset-consent')?.addEventListener('click', () => samtal.consent.reset());
