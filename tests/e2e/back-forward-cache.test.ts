/**
 * The back/forward cache in Chromium, against dist/: a page with the widget
 * goes to another page of the site that also has it, and Back must restore
 * it from the cache, in every consent state, with the panel open or closed.
 * Chromium says why it did not through the DevTools protocol
 * (`Page.backForwardCacheNotUsed`); the test reads that, and `pageshow`'s
 * `persisted`, rather than guessing. A page without the widget, taken the
 * same way, is restored: that proves the cache works here, so these tests
 * can fail.
 */
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { yourDataTexts } from '../../src/i18n/your-data-texts';
import { launchBrowser } from './support/browser';
import { type LoopbackCollector, startLoopbackCollector } from './support/loopback-collector';
import { hostPage, type StaticServer, startStaticServer } from './support/static-server';
import { postedEventIds, untilQuiet, widgetReady } from './support/tab-scenarios';

let browser: Browser;
let server: StaticServer;
let collector: LoopbackCollector;
let closeContext: (() => Promise<void>) | null = null;

beforeAll(async () => {
  browser = await launchBrowser({ backForwardCache: true });
  server = await startStaticServer();
  collector = await startLoopbackCollector();
  const attributes = {
    site: 'acme-se',
    collector: collector.url,
    chat: `${collector.url}/chat`,
    locale: 'sv',
  };
  const body = (next: string) =>
    `<main><h1>Host page</h1><p><a id="next" href="${next}">Next page</a></p></main>`;
  server.page('/a', { html: hostPage(attributes, { body: body('/b') }) });
  server.page('/b', { html: hostPage(attributes, { body: body('/a') }) });
  server.page('/plain', {
    html: `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>No widget</title></head><body>${body('/b')}</body></html>`,
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await collector?.close();
});

afterEach(async () => {
  await closeContext?.();
  closeContext = null;
});

interface Visit {
  page: Page;
  /** Chromium's reasons for not restoring the last page, or null when it was restored. */
  notRestored(): string[] | null;
}

async function visit(path: string): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  closeContext = () => context.close();
  await context.addInitScript(() => {
    // Cleared as the page is hidden, so a restored page reads undefined until its pageshow.
    addEventListener('pagehide', () => {
      delete (window as { restored?: boolean }).restored;
    });
    addEventListener('pageshow', (event) => {
      (window as { restored?: boolean }).restored = event.persisted;
    });
  });
  const page = await context.newPage();
  const cdp: CDPSession = await context.newCDPSession(page);
  await cdp.send('Page.enable');
  let reasons: string[] | null = null;
  cdp.on('Page.backForwardCacheNotUsed', (event) => {
    reasons = event.notRestoredExplanations.map((explanation) => explanation.reason);
  });
  await page.goto(server.origin + path);
  return { page, notRestored: () => reasons };
}

/** Follows the link to the next page, lets its widget start, and goes back. */
async function awayAndBack({ page }: Visit, nextHasWidget = true): Promise<boolean> {
  await page.click('#next');
  await page.waitForURL('**/b');
  if (nextHasWidget) await widgetReady(page);
  // Long enough for the next page's widget to do what it does at start.
  await page.waitForTimeout(1_500);
  await page.goBack({ waitUntil: 'commit' });
  const handle = await page.waitForFunction(
    () => typeof (window as { restored?: boolean }).restored === 'boolean',
    undefined,
    { timeout: 20_000 },
  );
  // `restored` is false after a reload (a normal pageshow), true after a restore.
  await handle.dispose();
  return page.evaluate(() => (window as { restored?: boolean }).restored === true);
}

const consentStates = ['undecided', 'rejected', 'analytics', 'all', 'withdrawn'] as const;
type ConsentState = (typeof consentStates)[number];

async function decide(page: Page, state: ConsentState): Promise<void> {
  const consentCount = collector.to('consent').length;
  const shadow = (part: string) => page.locator(`samtal-chat >> [part="${part}"]`);
  switch (state) {
    case 'undecided':
      await shadow('banner').waitFor();
      return;
    case 'rejected':
      await shadow('banner-reject').click();
      break;
    case 'analytics':
      await page.evaluate(() => window.Samtal?.consent.set({ analytics: true, marketing: false }));
      break;
    case 'all':
      await shadow('banner-accept').click();
      break;
    case 'withdrawn':
      await shadow('banner-accept').click();
      await page.locator('samtal-chat >> .privacy-control').click();
      await page
        .locator('samtal-chat')
        .getByRole('button', { name: yourDataTexts.sv.withdraw })
        .click();
      break;
  }
  const receipts = state === 'withdrawn' ? 2 : 1;
  await expect
    .poll(() => collector.to('consent').length - consentCount, { timeout: 15_000 })
    .toBe(receipts);
}

describe('the back/forward cache', () => {
  it('restores a page without the widget (so the cache works here and these tests can fail)', async () => {
    const visited = await visit('/plain');
    expect(await awayAndBack(visited)).toBe(true);
    expect(visited.notRestored()).toBeNull();
  });

  for (const state of consentStates) {
    for (const panel of ['closed', 'open'] as const) {
      it(`restores a page with the widget: consent ${state}, panel ${panel}`, async () => {
        const visited = await visit('/a');
        await widgetReady(visited.page);
        await decide(visited.page, state);
        if (panel === 'open') {
          await visited.page.evaluate(() => window.Samtal?.open());
          await visited.page.locator('samtal-chat >> [part="panel"]').waitFor();
        } else {
          await visited.page.evaluate(() => window.Samtal?.close());
        }
        // Whatever the widget does after a decision (receipts, the first batch) has settled.
        await untilQuiet(collector, 1_000, 10_000);
        const restored = await awayAndBack(visited);
        expect(visited.notRestored()).toBeNull();
        expect(restored).toBe(true);
      });
    }
  }

  it('sends telemetry again after a restore, on a connection opened anew', async () => {
    const visited = await visit('/a');
    const { page } = visited;
    await widgetReady(page);
    await decide(page, 'all');
    await page.evaluate(() => window.Samtal?.open());
    await page.locator('samtal-chat >> [part="panel"]').waitFor();
    expect(await awayAndBack(visited)).toBe(true);
    const before = new Set(postedEventIds(collector));
    await page.evaluate(() => history.pushState({}, '', '/a/after-restore'));
    await expect
      .poll(
        () =>
          collector
            .to('events')
            .flatMap(
              (request) => (request.body as { events: { id: string; path?: string }[] }).events,
            )
            .filter((event) => !before.has(event.id))
            .map((event) => event.path),
        { timeout: 15_000 },
      )
      .toContain('/a/after-restore');
  });
});
