import 'fake-indexeddb/auto';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSender } from '../../src/net/create-sender';
import { type EventBatch, eventBatch, type TelemetryEvent } from '../../src/protocol/events';
import { z } from '../../src/protocol/zod-setup';
import { createKeyValueStore, type KeyValueStore } from '../../src/storage/create-key-value-store';
import type { ChannelFactory } from '../../src/storage/create-tab-channel';
import {
  batchIntervalMs,
  batchThreshold,
  createDelivery,
  maxKeepaliveBytes,
} from '../../src/telemetry/create-delivery';
import { claimMs, createEventQueue } from '../../src/telemetry/create-event-queue';
import { createSendLease, type SendLease } from '../../src/telemetry/create-send-lease';
import { queuePrefix } from '../../src/telemetry/telemetry-keys';
import { channelHub } from './support/channel-hub';

const collector = 'https://collector.example/v1';
const site = 'acme-se';
const visitorId = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const consentId = '6ba7b810-9dad-41d1-80b4-00c04fd430c8';

interface Arrival {
  body: EventBatch;
  bytes: number;
  keepalive: boolean;
}

let arrivals: Arrival[] = [];
let answers: (() => Response | Promise<Response>)[] = [];
const server = setupServer(
  http.post(`${collector}/events`, async ({ request }) => {
    const text = await request.text();
    arrivals.push({
      body: JSON.parse(text) as EventBatch,
      bytes: new TextEncoder().encode(text).length,
      keepalive: request.keepalive,
    });
    const answer = answers.shift();
    return answer ? await answer() : new HttpResponse(null, { status: 204 });
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  arrivals = [];
  answers = [];
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'Date'],
    now: Date.parse('2026-03-01T10:00:00Z'),
  });
});
afterEach(() => {
  vi.useRealTimers();
  server.resetHandlers();
});

function widgetEvent(n: number, path = ''): TelemetryEvent {
  return path
    ? {
        id: crypto.randomUUID(),
        at: new Date(Date.now() + n).toISOString(),
        type: 'engagement',
        path,
        visibleMs: Math.abs(n),
      }
    : {
        id: crypto.randomUUID(),
        at: new Date(Date.now() + n).toISOString(),
        type: 'widget',
        action: 'opened',
      };
}

function setup(
  options: {
    random?: number;
    granted?: () => boolean;
    lease?: SendLease;
    store?: KeyValueStore;
    channel?: ChannelFactory;
    site?: string;
  } = {},
) {
  const store = options.store ?? createKeyValueStore(site, null);
  const sender = createSender({
    collector,
    gate: () => options.granted?.() ?? true,
    store,
    onOnline: () => () => {},
  });
  const queue = createEventQueue({
    store: Promise.resolve(store),
    site: options.site ?? site,
    ...(options.channel ? { channel: options.channel } : {}),
  });
  const warn = vi.fn();
  const delivery = createDelivery({
    queue,
    lease: options.lease ?? { acquire: async () => true, release: () => {} },
    header: () => ({ site, visitorId, consentId }),
    post: (batch, transport, timeoutMs) => sender.post('events', batch, transport, timeoutMs),
    keepalive: true,
    warn,
    random: () => options.random ?? 0.5,
  });
  const add = (events: TelemetryEvent[]) => {
    for (const event of events) {
      queue.add(event);
      delivery.queued();
    }
  };
  return { queue, delivery, add, warn, sender, store, site: options.site ?? site };
}

/**
 * Waits for in-flight requests without moving the fake clock (vi.waitFor
 * would advance it, which would blur exact backoff times). setImmediate is
 * not faked, so real I/O gets its turns.
 */
async function until(check: () => void): Promise<void> {
  for (let turn = 0; ; turn++) {
    try {
      check();
      return;
    } catch (error) {
      if (turn > 200) throw error;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

const ids = (arrival: Arrival | undefined) => arrival?.body.events.map((event) => event.id) ?? [];

async function storedIds(store: KeyValueStore): Promise<string[]> {
  const stored = await store.list(queuePrefix, z.object({ id: z.string(), at: z.string() }));
  return stored
    .flatMap((entry) => (entry.value ? [entry.value] : []))
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((event) => event.id);
}

/**
 * Holds the collector's answer to the next POST until the returned function
 * is called (with the status to answer); the request has arrived by then.
 */
function holdNextAnswer(): (status?: number) => void {
  let answer: (status: number) => void = () => {};
  const answered = new Promise<number>((resolve) => {
    answer = resolve;
  });
  answers.push(async () => new HttpResponse(null, { status: await answered }));
  return (status = 204) => answer(status);
}

/** Like `until`, for checks that read storage. */
async function untilAsync(check: () => Promise<void>): Promise<void> {
  for (let turn = 0; ; turn++) {
    try {
      await check();
      return;
    } catch (error) {
      if (turn > 400) throw error;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

let indexedSites = 0;

/**
 * `count` tabs of one site on IndexedDB (fake-indexeddb), each with its own
 * connection, one channel between them (none with `deaf`), and one lease:
 * a Web Lock, or with `locks: false` the IndexedDB lease that browsers
 * without Web Locks use.
 */
function tabsOnIndexedDb(count: number, options: { locks?: boolean; deaf?: boolean } = {}) {
  indexedSites += 1;
  const tabSite = `indexed-${indexedSites}`;
  const shared = channelHub();
  let holder: object | null = null;
  return Array.from({ length: count }, () => {
    const store = createKeyValueStore(tabSite);
    const me = {};
    const lease: SendLease =
      options.locks === false
        ? createSendLease({
            name: 'telemetry-sender',
            locks: null,
            store: Promise.resolve(store),
            tabId: crypto.randomUUID(),
          })
        : {
            acquire: async (steal) => {
              if (holder !== null && holder !== me && !steal) return false;
              holder = me;
              return true;
            },
            release: () => {
              if (holder === me) holder = null;
            },
          };
    const hub = options.deaf ? channelHub() : shared;
    return setup({ store, lease, channel: hub.factory, site: tabSite });
  });
}

/** `count` tabs over one store, with one lease between them, as Web Locks give. */
function shareQueue(count: number) {
  const store = createKeyValueStore(site, null);
  const hub = channelHub();
  let holder: object | null = null;
  return Array.from({ length: count }, () => {
    const me = {};
    const lease: SendLease = {
      acquire: async (steal) => {
        if (holder !== null && holder !== me && !steal) return false;
        holder = me;
        return true;
      },
      release: () => {
        if (holder === me) holder = null;
      },
    };
    return setup({ store, lease, channel: hub.factory });
  });
}

describe('telemetry delivery', () => {
  it('sends a batch 5 seconds after the first event, with the batch envelope', async () => {
    const { add } = setup();
    const events = [widgetEvent(0), widgetEvent(1), widgetEvent(2)];
    add(events);
    await vi.advanceTimersByTimeAsync(batchIntervalMs - 1);
    expect(arrivals).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    await until(() => expect(arrivals).toHaveLength(1));
    const [arrival] = arrivals;
    expect(eventBatch.safeParse(arrival?.body).success).toBe(true);
    expect(arrival?.body).toMatchObject({
      site,
      visitorId,
      consentId,
      sentAt: '2026-03-01T10:00:05.000Z',
    });
    expect(ids(arrival)).toEqual(events.map((event) => event.id));
  });

  it('sends at once when 20 events wait', async () => {
    const { add } = setup();
    add(Array.from({ length: batchThreshold }, (_, n) => widgetEvent(n)));
    await vi.advanceTimersByTimeAsync(0);
    await until(() => expect(arrivals).toHaveLength(1));
    expect(arrivals[0]?.body.events).toHaveLength(batchThreshold);
  });

  it('retries a 503 after a jittered backoff, with the same event ids', async () => {
    answers = [() => new HttpResponse(null, { status: 503 })];
    const { add, queue } = setup({ random: 0.5 });
    add([widgetEvent(0)]);
    await vi.advanceTimersByTimeAsync(batchIntervalMs);
    await until(() => expect(arrivals).toHaveLength(1));
    // backoffDelay(1, 0.5) = 500 ms.
    await vi.advanceTimersByTimeAsync(499);
    expect(arrivals).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await until(() => expect(arrivals).toHaveLength(2));
    expect(ids(arrivals[1])).toEqual(ids(arrivals[0]));
    await until(() => expect(queue.size()).toBe(0));
  });

  it('keeps retries within the jitter bounds as failures grow', async () => {
    answers = [
      () => new HttpResponse(null, { status: 500 }),
      () => new HttpResponse(null, { status: 502 }),
      () => new HttpResponse(null, { status: 408 }),
    ];
    const { add } = setup({ random: 0.999 });
    add([widgetEvent(0)]);
    await vi.advanceTimersByTimeAsync(batchIntervalMs);
    await until(() => expect(arrivals).toHaveLength(1));
    // Ceilings 1 s, 2 s, 4 s; with random 0.999 each wait sits just under its ceiling.
    for (const [index, wait] of [999, 1998, 3996].entries()) {
      await vi.advanceTimersByTimeAsync(wait - 1);
      expect(arrivals).toHaveLength(index + 1);
      await vi.advanceTimersByTimeAsync(1);
      await until(() => expect(arrivals).toHaveLength(index + 2));
    }
  });

  it('never retries sooner than Retry-After', async () => {
    answers = [() => new HttpResponse(null, { status: 429, headers: { 'retry-after': '30' } })];
    const { add } = setup({ random: 0 });
    add([widgetEvent(0)]);
    await vi.advanceTimersByTimeAsync(batchIntervalMs);
    await until(() => expect(arrivals).toHaveLength(1));
    await vi.advanceTimersByTimeAsync(29_999);
    expect(arrivals).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await until(() => expect(arrivals).toHaveLength(2));
  });

  it('retries after a network error', async () => {
    answers = [() => HttpResponse.error()];
    const { add } = setup({ random: 0 });
    add([widgetEvent(0)]);
    await vi.advanceTimersByTimeAsync(batchIntervalMs);
    await until(() => expect(arrivals).toHaveLength(1));
    await vi.advanceTimersByTimeAsync(500);
    await until(() => expect(arrivals).toHaveLength(2));
    expect(ids(arrivals[1])).toEqual(ids(arrivals[0]));
  });

  it('coming back online while a request is failing sends again at once, not after a backoff', async () => {
    let fail: () => void = () => {};
    const failed = new Promise<void>((resolve) => {
      fail = resolve;
    });
    answers = [
      async () => {
        await failed;
        return HttpResponse.error();
      },
    ];
    const { add, delivery, store } = setup({ random: 0.99 });
    const events = [widgetEvent(0), widgetEvent(1)];
    add(events);
    await vi.advanceTimersByTimeAsync(batchIntervalMs);
    await until(() => expect(arrivals).toHaveLength(1));
    // 'online' fires while the round of a request made offline has not ended yet.
    delivery.online();
    fail();
    await until(() => expect(arrivals).toHaveLength(2));
    expect(ids(arrivals[1])).toEqual(ids(arrivals[0]));
    await untilAsync(async () => expect(await storedIds(store)).toEqual([]));
  });

  it('drops a batch the collector refuses with a 4xx, with a warning, and does not retry it', async () => {
    answers = [() => HttpResponse.json({ code: 'invalid-body' }, { status: 400 })];
    const { add, queue, warn } = setup();
    add([widgetEvent(0)]);
    await vi.advanceTimersByTimeAsync(batchIntervalMs);
    await until(() => expect(queue.size()).toBe(0));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('HTTP 400'));
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(arrivals).toHaveLength(1);
  });

  it('when the page is hidden, sends everything queued at once, with keepalive', async () => {
    const { add, delivery } = setup();
    add([widgetEvent(0), widgetEvent(1)]);
    delivery.hidden();
    await until(() => expect(arrivals).toHaveLength(1));
    expect(arrivals[0]?.keepalive).toBe(true);
    expect(arrivals[0]?.body.events).toHaveLength(2);
  });

  it('on leaving, hands at most 60 KB in all to keepalive and keeps the rest queued', async () => {
    const { add, delivery, queue, store } = setup();
    const longPath = `/${'a'.repeat(500)}`;
    const events = Array.from({ length: 300 }, (_, n) => widgetEvent(n + 1, longPath));
    add(events.slice(0, 19));
    for (const event of events.slice(19)) queue.add(event);
    delivery.suspend(true);
    await until(() => expect(arrivals.length).toBeGreaterThan(0));
    await vi.advanceTimersByTimeAsync(0);
    const sent = arrivals.flatMap(ids);
    const inFlightBytes = arrivals.reduce((sum, arrival) => sum + arrival.bytes, 0);
    expect(inFlightBytes).toBeLessThanOrEqual(maxKeepaliveBytes);
    expect(sent.length).toBeGreaterThan(80);
    for (const arrival of arrivals) expect(arrival.keepalive).toBe(true);
    // Handed over, so gone from the queue; the rest waits for the next page.
    await vi.waitFor(async () =>
      expect(await storedIds(store)).toEqual(
        events.map((event) => event.id).filter((id) => !sent.includes(id)),
      ),
    );
    expect(vi.getTimerCount()).toBe(0);
  });

  it('queues an event again when the page comes back and its keepalive request had failed', async () => {
    answers = [() => HttpResponse.error()];
    const { add, delivery, store } = setup({ random: 0 });
    const last = widgetEvent(0);
    add([last]);
    delivery.suspend(true);
    await until(() => expect(arrivals).toHaveLength(1));
    expect(arrivals[0]?.keepalive).toBe(true);
    await vi.waitFor(async () => expect(await storedIds(store)).toEqual([last.id]));
    // Restored from the back/forward cache: it goes again with the next round.
    delivery.resume();
    await vi.advanceTimersByTimeAsync(batchIntervalMs);
    await until(() => expect(arrivals).toHaveLength(2));
    expect(ids(arrivals[1])).toEqual([last.id]);
    await vi.waitFor(async () => expect(await storedIds(store)).toEqual([]));
  });

  it('sends a 500-event backlog in full batches of 100, each under 60 KB', async () => {
    const { queue, delivery } = setup();
    const backlog = Array.from({ length: 500 }, (_, n) => widgetEvent(n - 600_000));
    for (const event of backlog) queue.add(event);
    await delivery.flush();
    await until(() => expect(arrivals).toHaveLength(5));
    expect(arrivals.map((arrival) => arrival.body.events.length)).toEqual([
      100, 100, 100, 100, 100,
    ]);
    expect(new Set(arrivals.flatMap(ids))).toEqual(new Set(backlog.map((event) => event.id)));
  });

  it('fills a batch up to 60 KB when events are large', async () => {
    const { queue, delivery } = setup();
    const longPath = `/${'a'.repeat(500)}`;
    for (let n = 0; n < 300; n++) queue.add(widgetEvent(n - 600_000, longPath));
    await delivery.flush();
    await until(() => expect(arrivals.flatMap(ids)).toHaveLength(300));
    const full = arrivals.slice(0, -1);
    for (const arrival of full) {
      expect(arrival.bytes).toBeLessThanOrEqual(60_000);
      expect(arrival.bytes).toBeGreaterThan(59_000);
    }
  });

  it('posts each event once when several tabs share the queue', async () => {
    const tabs = shareQueue(3);
    const all: TelemetryEvent[] = [];
    for (let step = 0; step < 60; step++) {
      const tab = tabs[step % tabs.length];
      const event = widgetEvent(step);
      all.push(event);
      tab?.add([event]);
      await vi.advanceTimersByTimeAsync(700);
      await until(() => undefined);
    }
    await vi.advanceTimersByTimeAsync(batchIntervalMs * 2);
    await until(() => expect(new Set(arrivals.flatMap(ids)).size).toBe(all.length));
    expect(arrivals.flatMap(ids)).toHaveLength(all.length);
    // Events from every tab leave together rather than one small batch per tab.
    expect(arrivals.length).toBeLessThanOrEqual(12);
  });

  it('takes the lease over after 30 s of finding it taken with events due (the sending tab seems frozen)', async () => {
    const stuck = { acquire: vi.fn(async (steal?: boolean) => steal === true), release() {} };
    const { add } = setup({ lease: stuck });
    add([widgetEvent(0)]);
    await vi.advanceTimersByTimeAsync(batchIntervalMs);
    expect(stuck.acquire).toHaveBeenLastCalledWith(false);
    expect(arrivals).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(35_000);
    await until(() => expect(arrivals).toHaveLength(1));
    expect(stuck.acquire).toHaveBeenLastCalledWith(true);
  });

  it('sends nothing, and keeps no timer spinning, once the gate says no', async () => {
    let granted = true;
    const { add } = setup({ granted: () => granted });
    add([widgetEvent(0)]);
    granted = false;
    await vi.advanceTimersByTimeAsync(batchIntervalMs);
    expect(arrivals).toHaveLength(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('sends nothing more after stop', async () => {
    const { add, delivery } = setup();
    add([widgetEvent(0)]);
    delivery.stop();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(arrivals).toHaveLength(0);
  });

  describe('one request per event across tabs (claims)', () => {
    const allIds = (events: TelemetryEvent[]) => events.map((event) => event.id);

    it('a tab leaving while another tab’s request is in flight sends none of that request’s events', async () => {
      const [sender, leaving] = tabsOnIndexedDb(2);
      if (!sender || !leaving) throw new Error('two tabs');
      const events = Array.from({ length: 5 }, (_, n) => widgetEvent(n));
      // Captured in the tab that will leave: they are in its memory as well as in storage.
      leaving.add(events);
      await untilAsync(async () => expect(await storedIds(sender.store)).toHaveLength(5));
      const answer = holdNextAnswer();
      sender.delivery.hidden();
      await until(() => expect(arrivals).toHaveLength(1));
      expect(ids(arrivals[0])).toEqual(allIds(events));
      // The collector holds the answer; the other tab's page is left now.
      leaving.delivery.suspend(true);
      await vi.advanceTimersByTimeAsync(0);
      expect(arrivals.slice(1).flatMap(ids)).toEqual([]);
      answer();
      await untilAsync(async () => expect(await storedIds(sender.store)).toEqual([]));
      expect(arrivals.flatMap(ids)).toEqual(allIds(events));
    });

    it('a tab that missed the announcement reads the claim from storage and leaves those events alone', async () => {
      const [sender, leaving] = tabsOnIndexedDb(2, { deaf: true });
      if (!sender || !leaving) throw new Error('two tabs');
      const events = Array.from({ length: 5 }, (_, n) => widgetEvent(n));
      leaving.add(events);
      await untilAsync(async () => expect(await storedIds(sender.store)).toHaveLength(5));
      const answer = holdNextAnswer();
      sender.delivery.hidden();
      await until(() => expect(arrivals).toHaveLength(1));
      // The channel message never came: the leaving tab's memory knows no claim…
      expect(leaving.queue.peek(10)).toEqual(events);
      // …until its next look at the shared queue, which every round starts with.
      await leaving.queue.load();
      leaving.delivery.suspend(true);
      await vi.advanceTimersByTimeAsync(0);
      expect(arrivals).toHaveLength(1);
      answer();
      await untilAsync(async () => expect(await storedIds(sender.store)).toEqual([]));
      expect(arrivals.flatMap(ids)).toEqual(allIds(events));
    });

    it('the sending tab leaving mid-request hands its keepalive request over; the next sender does not send it again', async () => {
      const [sender, next] = tabsOnIndexedDb(2);
      if (!sender || !next) throw new Error('two tabs');
      const events = Array.from({ length: 5 }, (_, n) => widgetEvent(n));
      sender.add(events);
      await untilAsync(async () => expect(await storedIds(next.store)).toHaveLength(5));
      const answer = holdNextAnswer();
      sender.delivery.hidden();
      await until(() => expect(arrivals).toHaveLength(1));
      expect(arrivals[0]?.keepalive).toBe(true);
      sender.delivery.suspend(true);
      // Handed over: the request outlives the page, so its events leave the queue now.
      await untilAsync(async () => expect(await storedIds(next.store)).toEqual([]));
      const later = widgetEvent(10);
      next.add([later]);
      next.delivery.hidden();
      await until(() => expect(arrivals).toHaveLength(2));
      expect(ids(arrivals[1])).toEqual([later.id]);
      answer();
      await vi.advanceTimersByTimeAsync(batchIntervalMs);
      expect(arrivals.flatMap(ids)).toEqual([...allIds(events), later.id]);
    });

    it('without Web Locks, a storage lease that lapses mid-request lets another tab send, but not the same events', async () => {
      const [sender, other] = tabsOnIndexedDb(2, { locks: false });
      if (!sender || !other) throw new Error('two tabs');
      const events = Array.from({ length: 5 }, (_, n) => widgetEvent(n));
      other.add(events);
      await untilAsync(async () => expect(await storedIds(sender.store)).toHaveLength(5));
      const answer = holdNextAnswer();
      sender.delivery.hidden();
      await until(() => expect(arrivals).toHaveLength(1));
      // The collector takes 20 s; the 15 s lease has lapsed and the other tab takes it.
      await vi.advanceTimersByTimeAsync(20_000);
      const later = widgetEvent(20_000);
      other.add([later]);
      other.delivery.hidden();
      await until(() => expect(arrivals).toHaveLength(2));
      expect(ids(arrivals[1])).toEqual([later.id]);
      answer();
      await untilAsync(async () => expect(await storedIds(sender.store)).toEqual([]));
      expect(arrivals.flatMap(ids)).toEqual([...allIds(events), later.id]);
    });

    it('a claim whose tab crashed mid-request runs out, and the next sender sends its events once', async () => {
      const [next] = tabsOnIndexedDb(1);
      if (!next) throw new Error('one tab');
      const events = Array.from({ length: 3 }, (_, n) => widgetEvent(n));
      next.add(events);
      await untilAsync(async () => expect(await storedIds(next.store)).toHaveLength(3));
      // A tab claimed them for a request and was gone before the answer.
      const gone = createEventQueue({ store: Promise.resolve(next.store), site: next.site });
      await gone.load();
      expect(await gone.claim(events)).toEqual(events);
      gone.dispose();
      next.delivery.hidden();
      await vi.advanceTimersByTimeAsync(batchIntervalMs);
      expect(arrivals).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(claimMs);
      await until(() => expect(arrivals).toHaveLength(1));
      expect(ids(arrivals[0])).toEqual(allIds(events));
      await untilAsync(async () => expect(await storedIds(next.store)).toEqual([]));
    });

    it('a tab that found every waiting event claimed keeps looking, with no new event to wake it, and sends them once the claim has run out', async () => {
      const [next] = tabsOnIndexedDb(1);
      if (!next) throw new Error('one tab');
      const events = Array.from({ length: 3 }, (_, n) => widgetEvent(n));
      next.add(events);
      // Past the batch interval, so that timer has fired and nothing else is pending.
      await vi.advanceTimersByTimeAsync(batchIntervalMs);
      await until(() => expect(arrivals).toHaveLength(1));
      // That round is over (the first batch delivered) before the next events come.
      await next.delivery.flush();
      const later = Array.from({ length: 3 }, (_, n) => widgetEvent(n));
      for (const event of later) next.queue.add(event);
      await untilAsync(async () => expect(await storedIds(next.store)).toHaveLength(3));
      // Another tab claimed them for a request, and was gone before the answer.
      const gone = createEventQueue({ store: Promise.resolve(next.store), site: next.site });
      await gone.load();
      expect(await gone.claim(later)).toEqual(later);
      gone.dispose();
      await vi.advanceTimersByTimeAsync(batchIntervalMs);
      await next.delivery.flush();
      expect(arrivals).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(claimMs);
      await until(() => expect(arrivals).toHaveLength(2));
      expect(ids(arrivals[1])).toEqual(allIds(later));
    });

    it("a tab that found only another tab's claimed events sends its own next event after the batch interval, not after a claim's time", async () => {
      const [sender, other] = tabsOnIndexedDb(2);
      if (!sender || !other) throw new Error('two tabs');
      const events = Array.from({ length: 3 }, (_, n) => widgetEvent(n));
      sender.add(events);
      await untilAsync(async () => expect(await storedIds(sender.store)).toHaveLength(3));
      const answer = holdNextAnswer();
      // The sender's batch timer fires (none is left pending) and its request stays open.
      await vi.advanceTimersByTimeAsync(batchIntervalMs);
      await until(() => expect(arrivals).toHaveLength(1));
      // The other tab looks meanwhile: everything waiting is claimed.
      await other.delivery.flush();
      answer(204);
      await untilAsync(async () => expect(await storedIds(sender.store)).toEqual([]));
      await sender.delivery.flush();
      const later = widgetEvent(0);
      other.add([later]);
      await vi.advanceTimersByTimeAsync(batchIntervalMs);
      await until(() => expect(arrivals).toHaveLength(2));
      expect(ids(arrivals[1])).toEqual([later.id]);
    });

    it('a request handed over as the page went into the back/forward cache and heard failing on return is sent again', async () => {
      const [tab] = tabsOnIndexedDb(1);
      if (!tab) throw new Error('one tab');
      const events = Array.from({ length: 3 }, (_, n) => widgetEvent(n));
      tab.add(events);
      await untilAsync(async () => expect(await storedIds(tab.store)).toHaveLength(3));
      const answer = holdNextAnswer();
      tab.delivery.hidden();
      await until(() => expect(arrivals).toHaveLength(1));
      tab.delivery.suspend(true);
      await untilAsync(async () => expect(await storedIds(tab.store)).toEqual([]));
      // Restored; the answer to the request it handed over comes now: 503.
      tab.delivery.resume();
      answer(503);
      await untilAsync(async () => expect(await storedIds(tab.store)).toHaveLength(3));
      await vi.advanceTimersByTimeAsync(batchIntervalMs);
      await until(() => expect(arrivals).toHaveLength(2));
      expect(ids(arrivals[1])).toEqual(allIds(events));
      await untilAsync(async () => expect(await storedIds(tab.store)).toEqual([]));
    });
  });
});
