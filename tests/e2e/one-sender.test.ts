/**
 * One sender per browser (issue #10): with several tabs of a site open each
 * event reaches the collector once, a backlog leaves in full batches, and
 * what a page sends as it unloads fits the browser's keepalive budget.
 * Real tabs of one Chromium profile, real time, real IndexedDB, a real
 * collector on 127.0.0.1 (the same scenarios `npm run bench:tabs` prints).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser';
import { type LoopbackCollector, startLoopbackCollector } from './support/loopback-collector';
import { type StaticServer, startStaticServer } from './support/static-server';
import {
  addScenarioPages,
  maxPostsPerEvent,
  measureBacklog,
  measureLeavingMidRequest,
  measurePostsPerEvent,
  measureUnload,
} from './support/tab-scenarios';

/** The browser's limit on keepalive bodies in flight from one page (Fetch standard). */
const keepaliveBudget = 64 * 1024;

let browser: Browser;
let server: StaticServer;
let collector: LoopbackCollector;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startStaticServer();
  collector = await startLoopbackCollector();
  addScenarioPages(server, collector);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await collector?.close();
});

describe('one sender per browser', () => {
  it(`posts each event once with three tabs open (${maxPostsPerEvent.toFixed(3)} posts per event)`, {
    timeout: 180_000,
  }, async () => {
    const result = await measurePostsPerEvent({
      browser,
      origin: server.origin,
      collector,
      tabs: 3,
      rounds: 9,
    });
    expect(result.unique).toBeGreaterThan(20);
    expect(result.posted / result.unique).toBeLessThanOrEqual(maxPostsPerEvent);
    expect(result.pageViewsArrived).toBe(result.pageViewsMade);
  });

  it('sends nothing twice when a tab, then the sending tab itself, is left while the collector holds a request open', {
    timeout: 180_000,
  }, async () => {
    const result = await measureLeavingMidRequest({
      browser,
      origin: server.origin,
      collector,
      tabs: 3,
      holdMs: 5_000,
    });
    // Phase one left a tab that was not sending, phase two the sending tab.
    expect(result.phases).toHaveLength(2);
    expect(result.phases[0]?.left).not.toBe(result.phases[0]?.sender);
    expect(result.phases[1]?.left).toBe(result.phases[1]?.sender);
    expect(result.unique).toBeGreaterThan(40);
    expect(result.posted / result.unique).toBe(1);
    // Nothing lost either: every page view made arrived.
    expect(result.pageViewsArrived).toBe(result.pageViewsMade);
  });

  it('sends a 500-event backlog in full batches of 100, none over 60 KB', async () => {
    const result = await measureBacklog({ browser, origin: server.origin, collector });
    // The queue keeps 500 events: the page's own first events push the oldest out.
    expect(result.delivered).toBeGreaterThanOrEqual(495);
    expect(result.posted).toBe(result.delivered);
    expect(result.batchSizes.slice(0, -1).every((size) => size === 100)).toBe(true);
    expect(result.requests).toBe(Math.ceil(result.batchSizes.reduce((a, b) => a + b, 0) / 100));
    expect(result.largestBytes).toBeLessThanOrEqual(60_000);
  }, 120_000);

  it('at unload starts keepalive requests within the 64 KiB budget, and all of them arrive', async () => {
    const result = await measureUnload({ browser, origin: server.origin, collector });
    const started = result.keepaliveStarted.reduce((sum, bytes) => sum + bytes, 0);
    expect(started).toBeLessThanOrEqual(keepaliveBudget);
    // Every request started arrived (none refused), and together they carried most of the backlog.
    expect(result.startedEvents).toBe(result.arrivedAtUnload);
    expect(result.arrivedAtUnload).toBeGreaterThan(300);
    // The rest waited and left when the visitor came back, none twice.
    expect(result.arrivedAtUnload + result.arrivedOnReturn).toBeGreaterThanOrEqual(495);
  }, 120_000);
});
