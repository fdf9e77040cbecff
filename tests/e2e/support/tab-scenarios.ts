/**
 * Several tabs of one site in one Chromium profile, against a loopback
 * collector: the scenarios behind `npm run bench:tabs` and the tests that
 * hold its figures (posts per unique event, how a backlog leaves, what
 * leaves as the last tab unloads). Real time, real IndexedDB, real HTTP.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TelemetryEvent } from '../../../src/protocol/events';
import type { LoopbackCollector } from './loopback-collector';
import { hostPage, type StaticServer } from './static-server';
import { untilNoClaims } from './telemetry-claims';

export const scenarioSite = 'acme-se';

/**
 * The most posts per unique event the product accepts (issue #10): none
 * twice. Held by a test and the bench.
 */
export const maxPostsPerEvent = 1;

/** Serves `/a`, `/b` (widget pages) and `/blank` (no widget) on `server`. */
export function addScenarioPages(server: StaticServer, collector: LoopbackCollector): void {
  const attributes = { site: scenarioSite, collector: collector.url, locale: 'sv' };
  server.page('/a', { html: hostPage(attributes) });
  server.page('/b', { html: hostPage(attributes) });
  server.page('/blank', {
    html: '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Blank</title></head><body><p>No widget here.</p></body></html>',
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the widget itself (not the loader's stub) has mounted. */
export async function widgetReady(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('samtal-chat') !== null, undefined, {
    timeout: 20_000,
  });
}

/**
 * Waits until telemetry runs (analytics granted): its chunk has loaded and
 * it has started, which it does by watching `history.pushState` and then
 * capturing the page view of the load. A navigation made before that would
 * be missed, and the load's page view would carry its path.
 */
export async function telemetryRunning(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      performance
        .getEntriesByType('resource')
        .some((entry) => entry.name.includes('/start-telemetry-')) &&
      Object.hasOwn(history, 'pushState'),
    undefined,
    { timeout: 20_000 },
  );
}

/** Event ids in every `/events` body that arrived, in order, duplicates kept. */
export function postedEventIds(collector: LoopbackCollector): string[] {
  return collector
    .to('events')
    .flatMap((request) => (request.body as { events?: TelemetryEvent[] }).events ?? [])
    .map((event) => event.id);
}

/** Resolves once no `/events` request has arrived for `quietMs`, or after `maxMs`. */
export async function untilQuiet(
  collector: LoopbackCollector,
  quietMs: number,
  maxMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + maxMs;
  let count = collector.to('events').length;
  let since = Date.now();
  while (Date.now() < deadline) {
    await sleep(250);
    const now = collector.to('events').length;
    if (now !== count) {
      count = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return;
  }
}

export interface PostsPerEvent {
  tabs: number;
  /** Event entries in all bodies that arrived, duplicates included. */
  posted: number;
  unique: number;
  requests: number;
  /** Page views the scenario made, and how many of them arrived. */
  pageViewsMade: number;
  pageViewsArrived: number;
}

/**
 * `tabs` tabs browse one site for about `rounds` × 0.7 s (SPA navigations
 * in every tab, a full page load in one tab every third round, the panel
 * opened and closed), then close one by one. Counts what the collector got.
 */
export async function measurePostsPerEvent(options: {
  browser: Browser;
  origin: string;
  collector: LoopbackCollector;
  tabs: number;
  rounds?: number;
}): Promise<PostsPerEvent> {
  const { browser, origin, collector, tabs } = options;
  const rounds = options.rounds ?? 12;
  collector.requests.length = 0;
  const context = await browser.newContext();
  try {
    const pages: Page[] = [];
    for (let index = 0; index < tabs; index++) {
      const page = await context.newPage();
      await page.goto(`${origin}/a`);
      await widgetReady(page);
      if (index === 0) {
        await page.evaluate(() =>
          window.Samtal?.consent.set({ analytics: true, marketing: false }),
        );
      }
      await telemetryRunning(page);
      pages.push(page);
    }
    // One load per tab, then the scenario's own page views.
    let pageViewsMade = tabs;
    const paths = new Set<string>();
    for (let round = 0; round < rounds; round++) {
      for (const [index, page] of pages.entries()) {
        if (round % 3 === 2 && index === round % tabs) {
          await page.goto(`${origin}/${round % 2 === 0 ? 'b' : 'a'}`);
          await widgetReady(page);
          // The page view of a load is captured once telemetry runs on the new page.
          await telemetryRunning(page);
          pageViewsMade += 1;
          continue;
        }
        const path = `/tab-${index}/round-${round}`;
        paths.add(path);
        await page.evaluate((next) => {
          history.pushState({}, '', next);
          if (next.endsWith('-4')) window.Samtal?.open();
          if (next.endsWith('-5')) window.Samtal?.close();
        }, path);
        pageViewsMade += 1;
      }
      await sleep(700);
    }
    await untilQuiet(collector, 7_000);
    for (const page of pages) await page.close({ runBeforeUnload: true });
    await untilQuiet(collector, 2_000, 10_000);
    const ids = postedEventIds(collector);
    const events = new Map<string, TelemetryEvent>();
    for (const request of collector.to('events'))
      for (const event of (request.body as { events: TelemetryEvent[] }).events)
        events.set(event.id, event);
    const pageViews = [...events.values()].filter((event) => event.type === 'page-view');
    return {
      tabs,
      posted: ids.length,
      unique: events.size,
      requests: collector.to('events').length,
      pageViewsMade,
      pageViewsArrived: pageViews.length,
    };
  } finally {
    await context.close();
  }
}

/** A page-view event as the widget would have queued it `ageMs` ago. */
function queuedPageView(index: number, ageMs: number): TelemetryEvent {
  return {
    id: crypto.randomUUID(),
    at: new Date(Date.now() - ageMs).toISOString(),
    type: 'page-view',
    path: `/produkter/kategori-${index % 17}/artikel-${index}`,
    navigation: 'spa',
  };
}

/**
 * Puts a consent record with analytics granted, a visitor id and `count`
 * queued events where the widget keeps them (README, "What is stored"), from
 * a page on the site's origin without the widget.
 */
export async function seedBacklog(page: Page, origin: string, count: number): Promise<string[]> {
  await page.goto(`${origin}/blank`);
  const events = Array.from({ length: count }, (_, index) =>
    queuedPageView(index, (count - index) * 1_000),
  );
  await page.evaluate(
    async ({ site, events }) => {
      localStorage.setItem(
        `samtal:${site}:consent`,
        JSON.stringify({
          id: crypto.randomUUID(),
          purposes: { analytics: true, marketing: false },
          decidedAt: new Date().toISOString(),
          policyVersion: '1',
          method: 'accept',
        }),
      );
      const database = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('samtal');
        request.onupgradeneeded = () => request.result.createObjectStore('data');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      await new Promise<void>((resolve, reject) => {
        const transaction = database.transaction('data', 'readwrite');
        const store = transaction.objectStore('data');
        store.put(crypto.randomUUID(), `${site}:visitor-id`);
        for (const event of events) store.put(event, `${site}:telemetry-event:${event.id}`);
        transaction.oncomplete = () => resolve();
        transaction.onerror = () => reject(transaction.error);
      });
      database.close();
    },
    { site: scenarioSite, events },
  );
  return events.map((event) => event.id);
}

export interface BacklogDelivery {
  queued: number;
  requests: number;
  /** Events per request, in order. */
  batchSizes: number[];
  /** Largest body, bytes. */
  largestBytes: number;
  delivered: number;
  posted: number;
}

/** One tab opens on a 500-event backlog; how it leaves, request by request. */
export async function measureBacklog(options: {
  browser: Browser;
  origin: string;
  collector: LoopbackCollector;
  count?: number;
}): Promise<BacklogDelivery> {
  const { browser, origin, collector } = options;
  const count = options.count ?? 500;
  collector.requests.length = 0;
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const seeded = new Set(await seedBacklog(page, origin, count));
    await page.goto(`${origin}/a`);
    await widgetReady(page);
    await untilQuiet(collector, 7_000);
    const requests = collector.to('events');
    const ids = postedEventIds(collector).filter((id) => seeded.has(id));
    return {
      queued: count,
      requests: requests.length,
      batchSizes: requests.map((request) => (request.body as { events: unknown[] }).events.length),
      largestBytes: Math.max(0, ...requests.map((request) => request.bytes)),
      delivered: new Set(ids).size,
      posted: ids.length,
    };
  } finally {
    await context.close();
  }
}

export interface UnloadDelivery {
  queued: number;
  /** keepalive requests the page started as it unloaded, with their body sizes. */
  keepaliveStarted: number[];
  /** Events of the backlog in those requests. */
  startedEvents: number;
  /** How many of the backlog's events arrived from the unloading page. */
  arrivedAtUnload: number;
  /** …and once the visitor came back to the site. */
  arrivedOnReturn: number;
}

/**
 * A tab holds a backlog it could not send (the collector answered 503),
 * the collector recovers, and the visitor leaves for another site: what the
 * unloading page starts with keepalive, and what arrives.
 */
export async function measureUnload(options: {
  browser: Browser;
  origin: string;
  collector: LoopbackCollector;
  count?: number;
}): Promise<UnloadDelivery> {
  const { browser, origin, collector } = options;
  const count = options.count ?? 500;
  collector.requests.length = 0;
  // Retry-After keeps the backlog waiting, so no ordinary request is in
  // flight when the page goes (the browser would cancel it, and its events
  // would rightly wait for the next page).
  collector.answer((endpoint) =>
    endpoint === 'events' ? { status: 503, headers: { 'retry-after': '600' } } : 204,
  );
  const context: BrowserContext = await browser.newContext();
  try {
    // Records every keepalive request the page starts, in storage that survives the page.
    // A string, not a function: tsx would add helpers the page does not have.
    await context.addInitScript({
      content: `(() => {
        const original = window.fetch;
        window.fetch = (input, init) => {
          if (init && init.keepalive && typeof init.body === 'string') {
            const started = JSON.parse(localStorage.getItem('probe:keepalive') || '[]');
            const ids = JSON.parse(init.body).events.map((event) => event.id);
            started.push({ bytes: new Blob([init.body]).size, ids });
            localStorage.setItem('probe:keepalive', JSON.stringify(started));
          }
          return original(input, init);
        };
      })()`,
    });
    const page = await context.newPage();
    const seeded = new Set(await seedBacklog(page, origin, count));
    await page.goto(`${origin}/a`);
    await widgetReady(page);
    // The page's first attempt fails: the backlog now waits out the collector's
    // Retry-After. Known by its events, not by any request arriving: the page
    // left by the previous scenario can still be heard here (its last events
    // leave with keepalive as its context closes).
    const arrivedSeeded = () => postedEventIds(collector).some((id) => seeded.has(id));
    const deadline = Date.now() + 20_000;
    while (!arrivedSeeded()) {
      if (Date.now() > deadline)
        throw new Error('The page posted none of its backlog within 20 s.');
      await sleep(100);
    }
    // …and the page has handled the answer: it let go of its claim on that batch.
    // Left before that, the page is mid-round and nothing leaves with it.
    await untilNoClaims(page, scenarioSite);
    await page.evaluate(() => localStorage.removeItem('probe:keepalive'));
    collector.requests.length = 0;
    collector.answer(() => 204);
    await page.goto(`${origin}/blank`);
    const started = await page.evaluate(
      () =>
        JSON.parse(localStorage.getItem('probe:keepalive') ?? '[]') as {
          bytes: number;
          ids: string[];
        }[],
    );
    // Until every request the page started has arrived, or 20 s have passed
    // (a refused or cancelled request never arrives): a quiet spell is no
    // sign, one request can arrive seconds after the others on a busy machine.
    const startedIds = started.flatMap((request) => request.ids);
    const arrivalDeadline = Date.now() + 20_000;
    while (Date.now() < arrivalDeadline) {
      const arrived = new Set(postedEventIds(collector));
      if (startedIds.every((id) => arrived.has(id))) break;
      await sleep(100);
    }
    const atUnload = new Set(postedEventIds(collector).filter((id) => seeded.has(id)));
    collector.requests.length = 0;
    await page.goto(`${origin}/a`);
    await widgetReady(page);
    await untilQuiet(collector, 7_000);
    const onReturn = new Set(
      postedEventIds(collector).filter((id) => seeded.has(id) && !atUnload.has(id)),
    );
    return {
      queued: count,
      keepaliveStarted: started.map((request) => request.bytes),
      startedEvents: started.flatMap((request) => request.ids).filter((id) => seeded.has(id))
        .length,
      arrivedAtUnload: atUnload.size,
      arrivedOnReturn: onReturn.size,
    };
  } finally {
    collector.answer(() => 204);
    await context.close();
  }
}

export interface LeavingMidRequest extends PostsPerEvent {
  /** Which tab sent the request held open when a tab left, and which tab left, per phase. */
  phases: { sender: number; left: number }[];
}

/** Counts, in the page, the requests to `/events` it starts (a string: tsx would add helpers). */
const eventsProbe = `(() => {
  window.__samtalEventsPosts = 0;
  const original = window.fetch;
  window.fetch = (input, init) => {
    if (String(input).endsWith('/events')) window.__samtalEventsPosts += 1;
    return original(input, init);
  };
})()`;

/**
 * The race behind issue #10's defect: the collector holds every `/events`
 * answer for `holdMs`, and while the sending tab's request is held open a
 * tab is left: first a tab that is not sending (it holds the same events in
 * memory), then the sending tab itself; the last tab then closes. With
 * `tabs` tabs (at least 3). Counts what the collector got.
 */
export async function measureLeavingMidRequest(options: {
  browser: Browser;
  origin: string;
  collector: LoopbackCollector;
  tabs?: number;
  holdMs?: number;
}): Promise<LeavingMidRequest> {
  const { browser, origin, collector } = options;
  const tabs = Math.max(3, options.tabs ?? 3);
  const holdMs = options.holdMs ?? 5_000;
  collector.requests.length = 0;
  const context = await browser.newContext();
  await context.addInitScript({ content: eventsProbe });
  const phases: { sender: number; left: number }[] = [];
  try {
    const open: (Page | null)[] = [];
    for (let index = 0; index < tabs; index++) {
      const page = await context.newPage();
      await page.goto(`${origin}/a`);
      await widgetReady(page);
      if (index === 0) {
        await page.evaluate(() =>
          window.Samtal?.consent.set({ analytics: true, marketing: false }),
        );
      }
      await telemetryRunning(page);
      open.push(page);
    }
    // Whatever the tabs sent on opening has arrived; from now on every answer is held.
    await untilQuiet(collector, 6_000);
    collector.answer((endpoint) =>
      endpoint === 'events' ? { status: 204, delayMs: holdMs } : 204,
    );
    let pageViewsMade = tabs;
    const posts = (page: Page) =>
      page.evaluate(() => (window as { __samtalEventsPosts?: number }).__samtalEventsPosts ?? 0);
    for (const leaveSender of [false, true]) {
      const before = new Map<number, number>();
      for (const [index, page] of open.entries()) if (page) before.set(index, await posts(page));
      const arrived = collector.to('events').length;
      // Every open tab captures page views of its own: they are in its memory and in the
      // shared queue, and together (over 20) they are due at once.
      for (let step = 0; step < 7; step++) {
        for (const [index, page] of open.entries()) {
          if (!page) continue;
          await page.evaluate(
            (next) => history.pushState({}, '', next),
            `/tab-${index}/step-${step}-${leaveSender ? 'b' : 'a'}`,
          );
          pageViewsMade += 1;
        }
      }
      const deadline = Date.now() + 30_000;
      while (collector.to('events').length === arrived && Date.now() < deadline) await sleep(50);
      let sender = -1;
      for (const [index, page] of open.entries())
        if (page && (await posts(page)) > (before.get(index) ?? 0)) sender = index;
      if (sender < 0) throw new Error('No tab sent the page views within 30 s.');
      const left = leaveSender ? sender : open.findIndex((page, index) => page && index !== sender);
      phases.push({ sender, left });
      // Left while the sender's request is still held open by the collector.
      await open[left]?.close({ runBeforeUnload: true });
      open[left] = null;
      await untilQuiet(collector, holdMs + 3_000, 60_000);
    }
    collector.answer(() => 204);
    for (const page of open) await page?.close({ runBeforeUnload: true });
    await untilQuiet(collector, 2_000, 10_000);
    const ids = postedEventIds(collector);
    const events = new Map<string, TelemetryEvent>();
    for (const request of collector.to('events'))
      for (const event of (request.body as { events: TelemetryEvent[] }).events)
        events.set(event.id, event);
    return {
      tabs,
      posted: ids.length,
      unique: events.size,
      requests: collector.to('events').length,
      pageViewsMade,
      pageViewsArrived: [...events.values()].filter((event) => event.type === 'page-view').length,
      phases,
    };
  } finally {
    collector.answer(() => 204);
    await context.close();
  }
}
