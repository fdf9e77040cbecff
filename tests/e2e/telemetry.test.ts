/**
 * Telemetry in a real browser, against dist/: what reaches the collector
 * after the visitor grants analytics, and what never does. The page's clock
 * is Playwright's fake one, so batches, backoff and visible time are driven
 * by the test instead of waited for.
 */
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EventBatch, TelemetryEvent } from '../../src/protocol/events';
import { launchBrowser } from './support/browser';
import { type LoopbackCollector, startLoopbackCollector } from './support/loopback-collector';
import {
  corsHeaders,
  type NetworkRecorder,
  type RecordedRequest,
  recordNetwork,
  testCollector,
} from './support/network-recorder';
import { hostPage, type StaticServer, startStaticServer } from './support/static-server';
import { untilNoClaims } from './support/telemetry-claims';

const attributes = { site: 'acme-se', collector: testCollector, 'keep-params': 'utm_source' };
const secretValue = 'anna.hemlig@example.se';
const body = `<main><h1>Host page</h1>
<a id="internal" href="/other?ref=mail#top">Other page</a>
<a id="outbound" href="https://partner.example/deal?code=42">Partner</a>
<a id="internal-tab" href="/other?ref=tab#top" target="_blank">Other page, new tab</a>
<a id="outbound-tab" href="https://partner.example/deal?code=42" target="_blank" rel="noopener">Partner, new tab</a>
<form><input id="host-input" name="email"></form></main>`;

let browser: Browser;
let server: StaticServer;
/**
 * The same pages against a real collector on 127.0.0.1: what a page sends
 * with keepalive as it unloads never reaches Playwright's routing, only a
 * real server sees it.
 */
let loopServer: StaticServer;
let loop: LoopbackCollector;
let context: BrowserContext;
let page: Page;
let network: NetworkRecorder;
/** Event batches the collector answered 2xx to. */
let stored: EventBatch[];
let answer: (request: RecordedRequest) => number;
/**
 * Playwright's offline mode does not stop requests a route answers, so an
 * offline test also makes the fake collector fail as a dropped network does.
 */
let networkDown: boolean;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startStaticServer();
  server.page('/', { html: hostPage(attributes, { body }) });
  server.page('/other', { html: hostPage(attributes, { body }) });
  loop = await startLoopbackCollector();
  loopServer = await startStaticServer();
  loopServer.page('/', { html: hostPage({ ...attributes, collector: loop.url }, { body }) });
  loopServer.page('/other', { html: hostPage({ ...attributes, collector: loop.url }, { body }) });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await loopServer?.close();
  await loop?.close();
});

/** A fresh profile and page, the page's clock paused at a fixed time. */
async function newPage(): Promise<void> {
  page = await context.newPage();
  // Paused: timers fire only when the test runs the clock, whatever the machine's load.
  await page.clock.install({ time: new Date('2026-03-02T09:00:00Z') });
  await page.clock.pauseAt(new Date('2026-03-02T09:00:01Z'));
}

/**
 * For a test that needs what a page sends as it unloads: a profile without
 * Playwright's routing (which loses keepalive requests of a page going
 * away), against the loopback collector.
 */
async function withRealNetwork(): Promise<void> {
  await context.close();
  context = await browser.newContext();
  loop.requests.length = 0;
  await newPage();
}

beforeEach(async () => {
  context = await browser.newContext();
  network = await recordNetwork(context);
  stored = [];
  answer = () => 204;
  networkDown = false;
  network.respond('events', async (request, route) => {
    if (networkDown) {
      await route.abort('internetdisconnected');
      return;
    }
    const status = answer(request);
    if (status < 300) stored.push(request.body as EventBatch);
    await route.fulfill({ status, headers: corsHeaders });
  });
  await newPage();
});

afterEach(async () => {
  await context?.close();
});

/** Loads `path` and waits until the widget (not the stub) answers. */
async function open(path: string, origin = server.origin): Promise<void> {
  await page.goto(`${origin}${path}`);
  // Past the loader's idle wait (4 s at most). The boot chunk then arrives over
  // the network in real time and starts in a task of its own, on the paused
  // clock: step the clock until the widget is there, however slow the machine.
  await page.clock.runFor(5_000);
  const deadline = Date.now() + 30_000;
  // The boot mounts in a few tasks; the privacy control joins the dock in the last of them.
  const started = () =>
    page.evaluate(
      () => !!document.querySelector('samtal-chat')?.shadowRoot?.querySelector('.privacy-control'),
    );
  while (!(await started())) {
    if (Date.now() > deadline) throw new Error(`the widget did not start on ${path} within 30 s`);
    await page.clock.runFor(20);
  }
}

async function grantAnalytics(): Promise<void> {
  await page.evaluate(() => window.Samtal?.consent.set({ analytics: true, marketing: false }));
  // The export shows a visitor id once telemetry runs and its delivery is connected.
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const exported = (await window.Samtal?.data.export()) as {
            telemetry?: { visitorId: unknown };
          };
          return typeof exported?.telemetry?.visitorId;
        }),
      { timeout: 10_000 },
    )
    .toBe('string');
}

async function queued(): Promise<TelemetryEvent[]> {
  return page.evaluate(async () => {
    const exported = (await window.Samtal?.data.export()) as {
      telemetry?: { queuedEvents: TelemetryEvent[] };
    };
    return exported?.telemetry?.queuedEvents ?? [];
  });
}

async function setVisibility(state: 'visible' | 'hidden'): Promise<void> {
  await page.evaluate((visibility) => {
    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      get: () => visibility,
    });
    Object.defineProperty(document, 'hidden', {
      configurable: true,
      get: () => visibility === 'hidden',
    });
    document.dispatchEvent(new Event('visibilitychange'));
  }, state);
}

/**
 * Runs the page's clock `stepMs` at a time until `read()` equals `expected`.
 * What happens only once a page timer fires (a batch due, a retry after
 * backoff) is waited for this way, never by running the clock once for as
 * long as the timer should take: the page sets that timer when it has
 * handled something (an answer, a stored write), which on a busy machine
 * can come after the test ran the clock, and a paused clock then never
 * reaches it.
 */
async function runClockUntil<T>(read: () => T, expected: T, stepMs = 1_000): Promise<void> {
  await expect
    .poll(
      async () => {
        await page.clock.runFor(stepMs);
        return read();
      },
      { timeout: 20_000 },
    )
    .toEqual(expected);
}

/**
 * Resolves once the page has handled the answer to its last telemetry
 * request: it removed what was delivered (the queue is empty) and let go of
 * its claim. The collector having answered says nothing about that yet.
 */
async function untilQueueEmpty(): Promise<void> {
  await expect.poll(queued, { timeout: 15_000 }).toEqual([]);
  await untilNoClaims(page, attributes.site);
}

const pageViews = () =>
  storedEvents()
    .filter((event) => event.type === 'page-view')
    .map((event) => `${event.navigation} ${event.path}`);

function storedEvents(): TelemetryEvent[] {
  const byId = new Map<string, TelemetryEvent>();
  for (const batch of stored) for (const event of batch.events) byId.set(event.id, event);
  return [...byId.values()];
}

describe('telemetry in the browser', () => {
  it('sends nothing, and loads no telemetry code, before consent', async () => {
    await open('/');
    await page.clock.runFor(60_000);
    expect(network.collector('events')).toHaveLength(0);
    expect(network.all.some((request) => request.url.includes('start-telemetry'))).toBe(false);
  });

  it('counts each page view once, SPA and full page, without query strings, fragments or form values', async () => {
    await withRealNetwork();
    await open('/?utm_source=news&secret=abc#intro', loopServer.origin);
    await page.fill('#host-input', secretValue);
    await grantAnalytics();
    await page.evaluate(() => {
      history.pushState({}, '', '/produkter?id=1#x');
      history.replaceState({}, '', '/produkter?id=2');
      history.pushState({}, '', '/produkter#reviews');
      history.pushState({}, '', '/kontakt');
    });
    await page.goBack();
    await page.click('#internal');
    await page.waitForURL('**/other?ref=mail#top');
    await page.clock.runFor(6_000);
    const arrived = () => {
      const byId = new Map<string, TelemetryEvent>();
      for (const request of loop.to('events'))
        for (const event of (request.body as EventBatch).events) byId.set(event.id, event);
      return [...byId.values()];
    };
    // The first page's last events leave with keepalive as it unloads (and are
    // not sent again by the next page); the page views of both pages must arrive.
    await expect
      .poll(
        async () => {
          await page.clock.runFor(1_000);
          return arrived().map((event) => `${event.type} ${'path' in event ? event.path : ''}`);
        },
        { timeout: 20_000 },
      )
      .toEqual(expect.arrayContaining(['page-view /', 'page-view /other']));

    const views = arrived()
      .filter((event) => event.type === 'page-view')
      .map((event) => `${event.navigation} ${event.path}`);
    expect(views.sort()).toEqual(
      ['load /', 'spa /produkter', 'spa /kontakt', 'spa /produkter', 'load /other'].sort(),
    );
    const first = arrived().find((event) => event.type === 'page-view' && event.path === '/');
    expect(first).toMatchObject({ params: { utm_source: 'news' } });
    expect(arrived().filter((event) => event.type === 'device')).toHaveLength(1);
    // Each event once: the unloading page's keepalive batch is not sent again.
    const posted = loop.to('events').flatMap((request) => (request.body as EventBatch).events);
    expect(posted).toHaveLength(arrived().length);
    for (const request of loop.to('events')) {
      const text = JSON.stringify(request.body);
      expect(text).not.toMatch(/[?#]/);
      expect(text).not.toContain('secret');
      expect(text).not.toContain('ref=mail');
      expect(text).not.toContain(secretValue);
      expect(text).not.toContain('Mozilla');
    }
  });

  it('records internal and outbound link clicks, the outbound one by its origin only', async () => {
    await withRealNetwork();
    await open('/', loopServer.origin);
    await grantAnalytics();
    // Links opening a new tab. The new tab runs the widget too and shares the
    // queue: whichever tab sends, a real collector sees it (keepalive included).
    for (const link of ['#internal-tab', '#outbound-tab']) {
      const popup = context.waitForEvent('page');
      await page.click(link);
      await (await popup).close();
    }
    const clicks = () =>
      loop
        .to('events')
        .flatMap((request) => (request.body as EventBatch).events)
        .filter((event) => event.type === 'link-click');
    await expect
      .poll(
        async () => {
          await page.clock.runFor(1_000);
          return clicks().length;
        },
        { timeout: 20_000 },
      )
      .toBe(2);
    expect(clicks()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: '/', outbound: false, target: '/other' }),
        expect.objectContaining({ path: '/', outbound: true, target: 'https://partner.example' }),
      ]),
    );
    for (const request of loop.to('events')) {
      const text = JSON.stringify(request.body);
      expect(text).not.toContain('code=42');
      expect(text).not.toContain('ref=tab');
    }
  });

  it('delivers the same event ids after the collector answers 503 twice', async () => {
    let calls = 0;
    answer = () => (++calls <= 2 ? 503 : 204);
    await open('/');
    await grantAnalytics();
    await page.clock.runFor(5_000);
    await expect.poll(() => calls, { timeout: 10_000 }).toBe(1);
    // The retry's backoff starts when the page has heard the 503 (it lets its
    // claim go then), not when the collector answered: only then runs its clock.
    await untilNoClaims(page, attributes.site);
    await runClockUntil(() => calls, 2, 250);
    await untilNoClaims(page, attributes.site);
    await runClockUntil(() => calls, 3, 250);
    await expect.poll(() => stored.length, { timeout: 10_000 }).toBe(1);
    const attempts = network
      .collector('events')
      .map((request) => (request.body as EventBatch).events.map((event) => event.id));
    expect(attempts).toHaveLength(3);
    expect(attempts[1]).toEqual(attempts[0]);
    expect(attempts[2]).toEqual(attempts[0]);
    // Removed once the page has heard the 204, which may come after the collector stored it.
    await expect.poll(queued, { timeout: 10_000 }).toEqual([]);
  });

  it('keeps events while offline and sends them when the browser is online again', async () => {
    await open('/');
    await grantAnalytics();
    await page.clock.runFor(5_000);
    await expect.poll(() => stored.length, { timeout: 10_000 }).toBeGreaterThan(0);
    // Gone offline only once the page has handled that 204: otherwise what it
    // still holds of the first batch would count as kept offline.
    await untilQueueEmpty();
    await context.setOffline(true);
    networkDown = true;
    // A page view made while offline: it cannot leave, so it must wait in the queue.
    await page.evaluate(() => history.pushState({}, '', '/offline-page'));
    await page.clock.runFor(5_000);
    const offlineView = async () =>
      (await queued()).find(
        (event) => event.type === 'page-view' && event.path === '/offline-page',
      );
    await expect.poll(offlineView, { timeout: 10_000 }).toBeDefined();
    const waiting = (await queued()).map((event) => event.id);
    expect(storedEvents().some((event) => waiting.includes(event.id))).toBe(false);
    networkDown = false;
    await context.setOffline(false);
    // Sent at once on 'online': no page time passes while we wait (no backoff,
    // and no claim of the failed offline request left to run out).
    await expect
      .poll(() => storedEvents().map((event) => event.id), { timeout: 15_000 })
      .toEqual(expect.arrayContaining(waiting));
    // Once each: the failed offline request stored nothing, and nothing went twice.
    const delivered = stored.flatMap((batch) => batch.events.map((event) => event.id));
    for (const id of waiting) expect(delivered.filter((each) => each === id)).toEqual([id]);
  });

  it('sends again at once on online what was in flight as the network went, not after the 30 s timeout', async () => {
    await open('/');
    await grantAnalytics();
    await page.clock.runFor(5_000);
    await expect.poll(() => stored.length, { timeout: 10_000 }).toBeGreaterThan(0);
    // The page has handled that 204 and its round is over: a page view made as
    // the round ends would be due on a timer set then, which the paused clock never runs.
    await untilQueueEmpty();
    // The next request goes out and no answer comes: the network went with it.
    const held: Route[] = [];
    network.respond('events', async (request, route) => {
      if (held.length === 0) {
        held.push(route);
        return;
      }
      stored.push(request.body as EventBatch);
      await route.fulfill({ status: 204, headers: corsHeaders });
    });
    await page.evaluate(() => history.pushState({}, '', '/in-flight'));
    await page.clock.runFor(5_000);
    await expect.poll(() => held.length, { timeout: 10_000 }).toBe(1);
    const [route] = held;
    if (!route) throw new Error('no request held');
    const inFlight = (route.request().postDataJSON() as EventBatch).events.map((event) => event.id);
    expect(inFlight.length).toBeGreaterThan(0);
    await context.setOffline(true);
    await context.setOffline(false);
    // No page time passes: the request is not left to its 30 s timeout.
    await expect
      .poll(() => storedEvents().map((event) => event.id), { timeout: 15_000 })
      .toEqual(expect.arrayContaining(inFlight));
    await route.fulfill({ status: 204, headers: corsHeaders }).catch(() => undefined);
  });

  it('sends nothing more once analytics is withdrawn mid-batch, and deletes the queue', async () => {
    await open('/');
    await grantAnalytics();
    await page.evaluate(() => history.pushState({}, '', '/produkter'));
    const waiting = (await queued()).map((event) => event.id);
    const types = (await queued()).map((event) => event.type);
    expect(types).toContain('page-view');
    await page.evaluate(() => window.Samtal?.consent.set({ analytics: false, marketing: false }));
    const requestsAtWithdrawal = network.collector('events').length;
    await page.evaluate(() => history.pushState({}, '', '/kontakt'));
    await page.clock.runFor(60_000);
    await setVisibility('hidden');
    await page.clock.runFor(1_000);
    const sentIds = network
      .collector('events')
      .flatMap((request) => (request.body as EventBatch).events.map((event) => event.id));
    // What was queued when analytics was withdrawn never leaves, nor does anything later.
    for (const id of waiting) expect(sentIds).not.toContain(id);
    expect(network.collector('events').length).toBeLessThanOrEqual(requestsAtWithdrawal);
    expect(
      network
        .collector('events')
        .map((request) => request.text)
        .join(),
    ).not.toContain('/kontakt');
    expect(await queued()).toEqual([]);
    // Nothing left in storage either: one key per queued event.
    const storedQueue = await page.evaluate(
      () =>
        new Promise<string[]>((resolve) => {
          const request = indexedDB.open('samtal');
          request.onsuccess = () => {
            const read = request.result
              .transaction('data')
              .objectStore('data')
              .getAllKeys(
                IDBKeyRange.bound('acme-se:telemetry-event:', 'acme-se:telemetry-event:\uffff'),
              );
            read.onsuccess = () => {
              request.result.close();
              resolve(read.result.map(String));
            };
          };
        }),
    );
    expect(storedQueue).toEqual([]);
  });

  it('does not count the time a tab was hidden', async () => {
    await open('/');
    await grantAnalytics();
    await page.clock.runFor(2_000);
    await setVisibility('hidden');
    // Hidden: the first slice leaves at once. The clock runs on only once the
    // page has handled its answer: 60 s of page time would otherwise time the
    // request out (30 s) while it is still being answered.
    await expect
      .poll(() => storedEvents().filter((event) => event.type === 'engagement').length, {
        timeout: 10_000,
      })
      .toBe(1);
    await untilQueueEmpty();
    await page.clock.runFor(60_000);
    await setVisibility('visible');
    await page.clock.runFor(3_000);
    await setVisibility('hidden');
    await expect
      .poll(() => storedEvents().filter((event) => event.type === 'engagement').length, {
        timeout: 10_000,
      })
      .toBe(2);
    const visible = storedEvents()
      .filter((event) => event.type === 'engagement')
      .map((event) => event.visibleMs);
    // Visible slices: from start to the first hide (≥ 2 s, plus the start-up), then 3 s.
    // The fake clock can tick a millisecond while the test talks to the page.
    expect(visible[1]).toBeGreaterThanOrEqual(3_000);
    expect(visible[1]).toBeLessThan(3_050);
    expect(visible[0]).toBeGreaterThanOrEqual(2_000);
    expect(visible[0]).toBeLessThan(10_000);
  });

  it('counts a back/forward-cache restore as exactly one page view', async () => {
    await open('/');
    await grantAnalytics();
    // Playwright starts Chromium with --disable-back-forward-cache, so a real restore
    // cannot happen here: the browser's own event for one is dispatched instead.
    await page.evaluate(() => {
      window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
      // A normal pageshow (a first load) is not a restore.
      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: false }));
      history.pushState({}, '', '/after-restore');
    });
    // The marker page view after the restore proves the batch with it arrived.
    await runClockUntil(() => pageViews().includes('spa /after-restore'), true);
    // Order aside: with the clock paused, events share one timestamp.
    expect(pageViews().sort()).toEqual(['bfcache /', 'load /', 'spa /after-restore']);
  });

  it('makes no page view for replaceState to the same path with another query', async () => {
    await open('/?utm_source=news');
    await grantAnalytics();
    await page.evaluate(() => {
      history.replaceState({}, '', '/?utm_source=other&page=2');
      history.replaceState({}, '', '/?page=3#reviews');
      history.pushState({}, '', '/next');
    });
    await runClockUntil(() => pageViews().includes('spa /next'), true);
    expect(pageViews().sort()).toEqual(['load /', 'spa /next']);
  });

  it('resets engagement on SPA navigation: the page left counts only its own visible time', async () => {
    await open('/');
    await grantAnalytics();
    await page.clock.runFor(2_000);
    await page.evaluate(() => history.pushState({}, '', '/produkter'));
    await page.clock.runFor(3_000);
    await setVisibility('hidden');
    const engagement = () =>
      storedEvents().flatMap((event) =>
        event.type === 'engagement' ? [{ path: event.path, visibleMs: event.visibleMs }] : [],
      );
    await runClockUntil(() => engagement().map((event) => event.path), ['/', '/produkter']);
    const [first, second] = engagement();
    // The first page: from start to the navigation (≥ 2 s, plus the start-up), not beyond it.
    expect(first?.visibleMs).toBeGreaterThanOrEqual(2_000);
    expect(first?.visibleMs).toBeLessThan(3_000);
    // The second page: its own 3 s only; the fake clock can tick a little while the test talks.
    expect(second?.visibleMs).toBeGreaterThanOrEqual(3_000);
    expect(second?.visibleMs).toBeLessThan(3_050);
  });
});
