/**
 * One consent state per browser (contract §3, issue #10): a decision, a
 * change or a withdrawal in one tab holds in every open tab of the site
 * before that tab sends anything again, including a tab that was frozen or
 * in the back/forward cache when it happened. Real tabs of one Chromium
 * profile, against dist/, a real collector on 127.0.0.1.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { yourDataTexts } from '../../src/i18n/your-data-texts';
import type { TelemetryEvent } from '../../src/protocol/events';
import { launchBrowser } from './support/browser';
import { type LoopbackCollector, startLoopbackCollector } from './support/loopback-collector';
import { hostPage, type StaticServer, startStaticServer } from './support/static-server';
import { untilQuiet, widgetReady } from './support/tab-scenarios';

let browser: Browser;
let server: StaticServer;
let collector: LoopbackCollector;
let context: BrowserContext | null = null;

beforeAll(async () => {
  browser = await launchBrowser({ backForwardCache: true });
  server = await startStaticServer();
  collector = await startLoopbackCollector();
  const attributes = { site: 'acme-se', collector: collector.url, locale: 'sv' };
  server.page('/', { html: hostPage(attributes) });
  server.page('/host', { html: hostPage({ ...attributes, consent: 'host' }) });
  server.page('/blank', {
    html: '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Blank</title></head><body></body></html>',
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await collector?.close();
});

afterEach(async () => {
  await context?.close();
  context = null;
  collector.requests.length = 0;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function openTabs(count: number, path = '/'): Promise<Page[]> {
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const pages: Page[] = [];
  for (let index = 0; index < count; index++) {
    const page = await context.newPage();
    await page.goto(server.origin + path);
    await widgetReady(page);
    pages.push(page);
  }
  return pages;
}

function arrivedEvents(): TelemetryEvent[] {
  return collector
    .to('events')
    .flatMap((request) => (request.body as { events: TelemetryEvent[] }).events);
}

const analyticsOf = (page: Page) =>
  page.evaluate(() => window.Samtal?.consent.get().purposes.analytics);

/** Grants analytics in `page` and waits until every tab has telemetry running. */
async function grantAnalytics(page: Page, all: Page[]): Promise<void> {
  await page.evaluate(() => window.Samtal?.consent.set({ analytics: true, marketing: false }));
  for (const tab of all) await expect.poll(() => analyticsOf(tab), { timeout: 15_000 }).toBe(true);
  // Every tab's load page view arrives: telemetry runs everywhere.
  await expect
    .poll(() => arrivedEvents().filter((event) => event.type === 'page-view').length, {
      timeout: 20_000,
    })
    .toBeGreaterThanOrEqual(all.length);
}

/** Withdraws in the visitor's data view, as a visitor does; returns the moment just before. */
async function withdrawInView(page: Page): Promise<number> {
  await page.locator('samtal-chat >> .privacy-control').click();
  const button = page
    .locator('samtal-chat')
    .getByRole('button', { name: yourDataTexts.sv.withdraw });
  await button.waitFor();
  const before = await page.evaluate(() => Date.now());
  await button.click();
  return before;
}

/** Keeps `pages` busy for `ms`: SPA page views, the panel opened and closed. */
async function keepActive(pages: Page[], ms: number): Promise<void> {
  const until = Date.now() + ms;
  let step = 0;
  while (Date.now() < until) {
    step += 1;
    for (const page of pages) {
      await page.evaluate((index) => {
        history.pushState({}, '', `/after-${index}`);
        if (index % 5 === 0) window.Samtal?.toggle();
      }, step);
    }
    await sleep(200);
  }
}

/** Nothing captured at or after `moment` arrived at the collector. */
function expectNothingCapturedSince(moment: number): void {
  const late = arrivedEvents().filter((event) => Date.parse(event.at) >= moment);
  expect(late).toEqual([]);
}

/** Closes the tabs (each hands its last events to keepalive) and waits for the collector. */
async function closeAll(pages: Page[]): Promise<void> {
  for (const page of pages) await page.close({ runBeforeUnload: true });
  await untilQuiet(collector, 2_000, 10_000);
}

describe('consent across tabs', () => {
  it('a withdrawal in tab B stops tab A before it sends again: nothing captured later arrives', async () => {
    const [tabA, tabB] = (await openTabs(2)) as [Page, Page];
    await grantAnalytics(tabA, [tabA, tabB]);
    const withdrawnAt = await withdrawInView(tabB);
    await expect.poll(() => analyticsOf(tabA), { timeout: 1_000 }).toBe(false);
    await keepActive([tabA], 10_000);
    await closeAll([tabA, tabB]);
    expectNothingCapturedSince(withdrawnAt);
    expect(arrivedEvents().length).toBeGreaterThan(0);
  });

  it('with three tabs, a withdrawal in the middle one stops the other two', async () => {
    const [tabA, tabB, tabC] = (await openTabs(3)) as [Page, Page, Page];
    await grantAnalytics(tabC, [tabA, tabB, tabC]);
    const withdrawnAt = await withdrawInView(tabB);
    await keepActive([tabA, tabC], 10_000);
    expect(await analyticsOf(tabA)).toBe(false);
    expect(await analyticsOf(tabC)).toBe(false);
    await closeAll([tabA, tabB, tabC]);
    expectNothingCapturedSince(withdrawnAt);
  });

  it('a decision in one tab closes the banner in the others and starts their telemetry', async () => {
    const [tabA, tabB] = (await openTabs(2)) as [Page, Page];
    const banner = (page: Page) => page.locator('samtal-chat >> [part="banner"]');
    await banner(tabA).waitFor();
    await banner(tabB).locator('[part="banner-accept"]').click();
    await banner(tabA).waitFor({ state: 'hidden', timeout: 2_000 });
    expect(await analyticsOf(tabA)).toBe(true);
    await tabA.evaluate(() => history.pushState({}, '', '/seen-in-a'));
    await expect
      .poll(() => arrivedEvents().map((event) => ('path' in event ? event.path : '')), {
        timeout: 20_000,
      })
      .toContain('/seen-in-a');
  });

  it('in host mode, the site withdrawing in one tab stops the others', async () => {
    const [tabA, tabB] = (await openTabs(2, '/host')) as [Page, Page];
    await grantAnalytics(tabA, [tabA, tabB]);
    const withdrawnAt = await tabB.evaluate(() => {
      const before = Date.now();
      window.Samtal?.consent.set({ analytics: false, marketing: false });
      return before;
    });
    await keepActive([tabA], 10_000);
    expect(await analyticsOf(tabA)).toBe(false);
    await closeAll([tabA, tabB]);
    expectNothingCapturedSince(withdrawnAt);
  });

  it('a tab frozen while the visitor withdrew elsewhere sends nothing more when it wakes', async () => {
    const [tabA, tabB] = (await openTabs(2)) as [Page, Page];
    await grantAnalytics(tabA, [tabA, tabB]);
    // Events wait in tab A's queue as it is frozen.
    await tabA.evaluate(() => history.pushState({}, '', '/before-freeze'));
    const cdp = await tabA.context().newCDPSession(tabA);
    await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
    const withdrawnAt = await withdrawInView(tabB);
    await sleep(1_000);
    await cdp.send('Page.setWebLifecycleState', { state: 'active' });
    await keepActive([tabA], 10_000);
    expect(await analyticsOf(tabA)).toBe(false);
    await closeAll([tabA, tabB]);
    expectNothingCapturedSince(withdrawnAt);
  });

  it('a page in the back/forward cache while the visitor withdrew sends nothing more once restored', async () => {
    const [tabA, tabB] = (await openTabs(2)) as [Page, Page];
    await grantAnalytics(tabA, [tabA, tabB]);
    await tabA.goto(`${server.origin}/blank`);
    const withdrawnAt = await withdrawInView(tabB);
    await tabA.goBack({ waitUntil: 'commit' });
    await widgetReady(tabA);
    await keepActive([tabA], 10_000);
    expect(await analyticsOf(tabA)).toBe(false);
    await closeAll([tabA, tabB]);
    expectNothingCapturedSince(withdrawnAt);
  });
});
