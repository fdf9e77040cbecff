/**
 * Screenshots of the widget's states at a phone, a large phone, a desktop
 * size and three short screens (phones held sideways, a short laptop
 * window), in light and dark, on a light and a dark host page, for looking at
 * a change before it lands:
 *   npm run build && npx tsx scripts/screenshot-states.ts [state…]
 * Writes `screenshots/<state>-<width>x<height>-<scheme>.png` (git-ignored).
 * States: banner, banner-panel, banner-form, preferences, your-data, decided,
 * decided-dark-page, no-chat.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../tests/e2e/support/browser';
import {
  corsHeaders,
  recordNetwork,
  testChat,
  testCollector,
} from '../tests/e2e/support/network-recorder';
import { hostPage, startStaticServer } from '../tests/e2e/support/static-server';

const out = new URL('../screenshots/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });

const attributes = {
  site: 'screens',
  collector: testCollector,
  chat: testChat,
  locale: 'en',
  'policy-url': 'https://example.se/integritetspolicy',
  fields: 'name,email,phone,orgnr',
  'bot-name': 'Ljungberg & Ek',
  recipients: JSON.stringify([
    { name: 'Ljungberg & Ek Redovisning AB', role: 'controller' },
    { name: 'Samtal Cloud AB', role: 'runs the chat and the collector', country: 'Sweden' },
  ]),
};
const body = `<main style="padding:2rem;font:16px/1.6 Georgia,serif">${'<p>Host page text that the widget may cover. '.repeat(40)}</p></main>`;
const darkHead = '<style>html{background:#121417;color:#e8e8e8}</style>';

const server = await startStaticServer();
server.page('/', { html: hostPage(attributes, { body }) });
server.page('/dark', { html: hostPage(attributes, { head: darkHead, body }) });
const { chat: _chat, ...noChat } = attributes;
server.page('/no-chat', { html: hostPage(noChat, { body }) });

const inWidget = (page: Page, selector: string) => page.locator(`samtal-chat >> ${selector}`);
const part = (page: Page, name: string) => inWidget(page, `[part="${name}"]`);

const states: Record<string, { path?: string; run(page: Page): Promise<void> }> = {
  banner: { run: async (page) => void (await part(page, 'banner').waitFor()) },
  'banner-panel': {
    run: async (page) => {
      await part(page, 'banner').waitFor();
      await part(page, 'launcher').click();
      await part(page, 'message-input').fill('How long do you keep my chat messages?');
      await page.keyboard.press('Enter');
      await inWidget(page, '[data-from="bot"]').waitFor();
    },
  },
  'banner-panel-open': {
    run: async (page) => {
      await states['banner-panel']?.run(page);
      await inWidget(page, '.banner__toggle').click();
    },
  },
  'banner-form': {
    run: async (page) => {
      await part(page, 'banner').waitFor();
      await part(page, 'launcher').click();
      await inWidget(page, '[aria-label="Menu"]').click();
      await inWidget(page, '.menu__item:has-text("contact")').click();
      await part(page, 'lead-form').waitFor();
    },
  },
  preferences: {
    run: async (page) => {
      await part(page, 'banner-settings').click();
      await part(page, 'preferences').waitFor();
    },
  },
  'your-data': {
    run: async (page) => {
      await part(page, 'banner-accept').click();
      await inWidget(page, '.privacy-control').click();
      await part(page, 'your-data').waitFor();
    },
  },
  decided: {
    run: async (page) => {
      await part(page, 'banner-reject').click();
      await inWidget(page, '.privacy-control').waitFor();
    },
  },
  'decided-dark-page': {
    path: '/dark',
    run: async (page) => {
      await part(page, 'banner-reject').click();
      await inWidget(page, '.privacy-control').waitFor();
    },
  },
  'no-chat': {
    path: '/no-chat',
    run: async (page) => {
      await part(page, 'banner').waitFor();
      await part(page, 'launcher').focus();
      await page.keyboard.press('Enter');
      await part(page, 'panel').waitFor();
    },
  },
};

const viewports = [
  { width: 320, height: 640 },
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
  // Short screens: phones held sideways, a short laptop window.
  { width: 740, height: 360 },
  { width: 667, height: 375 },
  { width: 1024, height: 450 },
];
const chosen = process.argv.slice(2);
const browser = await launchBrowser();
try {
  for (const [name, state] of Object.entries(states)) {
    if (chosen.length > 0 && !chosen.includes(name)) continue;
    for (const viewport of viewports) {
      for (const scheme of ['light', 'dark'] as const) {
        const context = await browser.newContext({ viewport, colorScheme: scheme });
        const network = await recordNetwork(context);
        network.respondChat((_request, route) =>
          route.fulfill({
            status: 200,
            headers: { ...corsHeaders, 'content-type': 'application/json' },
            body: JSON.stringify({
              replies: [
                {
                  id: 'r1',
                  text: 'We keep **chat messages** for 12 months after the last contact.',
                  actions: [{ type: 'contact-form' }],
                },
              ],
            }),
          }),
        );
        const page = await context.newPage();
        await page.goto(`${server.origin}${state.path ?? '/'}`);
        try {
          await state.run(page);
          await page.waitForTimeout(300);
          const file = `${out}${name}-${viewport.width}x${viewport.height}-${scheme}.png`;
          await page.screenshot({ path: file });
          console.log(`Saved ${file}`);
        } catch (error) {
          console.log(`${name} ${viewport.width} ${scheme}: ${(error as Error).message}`);
        }
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
