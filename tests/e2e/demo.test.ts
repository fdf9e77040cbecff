/**
 * The demo as `npm start` serves it (Vite on 127.0.0.1, any free port), in
 * real Chromium: it loads without a single failed request (a favicon
 * included), switches between Swedish and English, shows the widget in the
 * site's own colours and in Samtal's, and its inspector lists the widget's
 * code apart from the data it sends and marks the moment of consent.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser';
import { part } from './support/widget';

let browser: Browser;
let vite: ViteDevServer;
let origin: string;
let context: BrowserContext | null = null;

beforeAll(async () => {
  browser = await launchBrowser();
  vite = await createServer({
    configFile: new URL('../../demo/vite.config.ts', import.meta.url).pathname,
    server: { host: '127.0.0.1', port: 0, open: false, strictPort: false },
    logLevel: 'silent',
  });
  await vite.listen();
  const address = vite.httpServer?.address();
  if (address === null || address === undefined || typeof address === 'string') {
    throw new Error('the demo server has no address');
  }
  origin = `http://127.0.0.1:${address.port}`;
}, 180_000);

afterEach(async () => {
  await context?.close();
  context = null;
});

afterAll(async () => {
  await browser?.close();
  await vite?.close();
});

async function open(path = '/', scheme: 'light' | 'dark' = 'light') {
  context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    colorScheme: scheme,
  });
  const failed: string[] = [];
  const page = await context.newPage();
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => failed.push(`failed ${request.url()}`));
  await page.goto(`${origin}${path}`);
  await part(page, 'banner').waitFor({ timeout: 60_000 });
  return { page, failed };
}

const inspector = (page: Page, selector: string) => page.locator(`.inspector ${selector}`);

describe('the demo', () => {
  it('loads every file it asks for, its favicon included', async () => {
    const { page, failed } = await open();
    const icon = await page.evaluate(async () => {
      const link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
      return link ? (await fetch(link.href)).status : 0;
    });
    expect(icon).toBe(200);
    expect(failed).toEqual([]);
  });

  it('switches between Swedish and English, the widget with it', async () => {
    const { page } = await open();
    expect(await part(page, 'banner-accept').textContent()).toBe('Acceptera alla');
    await page.getByRole('link', { name: 'English' }).click();
    await part(page, 'banner').waitFor({ timeout: 60_000 });
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await part(page, 'banner-accept').textContent()).toBe('Accept all');
    expect(await part(page, 'launcher').getAttribute('aria-label')).toBe('Open chat');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(
      'Bookkeeping that holds up',
    );
    // The language goes along to the demo's other pages. The links are rewritten at
    // DOMContentLoaded, which a slow module script can hold back past the widget's boot.
    const policy = page.locator('.site-header a[href*="integritetspolicy"]');
    await expect
      .poll(() => policy.getAttribute('href'), { timeout: 15_000 })
      .toBe('/integritetspolicy.html?lang=en');
    await page.getByRole('link', { name: 'Svenska' }).click();
    await part(page, 'banner').waitFor({ timeout: 60_000 });
    expect(await part(page, 'banner-accept').textContent()).toBe('Acceptera alla');
  });

  it.each([
    ['light', 'rgb(29, 92, 63)', 'rgb(11, 87, 208)'],
    ['dark', 'rgb(143, 211, 174)', 'rgb(168, 199, 250)'],
  ] as const)(
    'wears the site’s own colours, and Samtal’s without them (%s)',
    async (scheme, site, own) => {
      const { page } = await open('/', scheme);
      const accent = () =>
        part(page, 'launcher').evaluate((launcher) => getComputedStyle(launcher).backgroundColor);
      expect(await accent()).toBe(site);
      await page.getByLabel(/Våra färger/).uncheck();
      expect(await accent()).toBe(own);
    },
  );

  it('lists the widget’s code apart from the data it sends, and marks the moment of consent', async () => {
    const { page } = await open();
    await inspector(page, 'summary').click();
    const [sends, code] = [
      inspector(page, '.inspector__section').nth(0),
      inspector(page, '.inspector__section').nth(1),
    ];
    await expect
      .poll(() => code.locator('.inspector__url').allTextContents(), { timeout: 30_000 })
      .toEqual(
        expect.arrayContaining([
          '/samtal.js',
          expect.stringMatching(/^\/samtal-boot/),
          expect.stringMatching(/^\/chunks\/create-consent-banner/),
        ]),
      );
    // Before a decision the widget has sent nothing.
    expect(await sends.locator('li').count()).toBe(0);

    await part(page, 'banner-reject').click();
    await expect
      .poll(() => sends.locator('li').allTextContents(), { timeout: 30_000 })
      .toEqual([
        expect.stringMatching(/POST\s*collector\.example\/v1\/consent\s*204/),
        expect.stringMatching(/Consent: rejected all — nothing granted/),
      ]);
    // The code list holds no data sends, the sends list no code.
    expect(await code.locator('.inspector__url').allTextContents()).not.toContain(
      'collector.example/v1/consent',
    );
  });
});
