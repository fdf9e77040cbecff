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
import { createEventQueue } from '../../src/telemetry/create-event-queue';
import type { SendLease } from '../../src/telemetry/create-send-lease';
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
    site,
    ...(options.channel ? { channel: options.channel } : {}),
  });
  const warn = vi.fn();
  const delivery = createDelivery({
    queue,
    lease: options.lease ?? { acquire: async () => true, release: () => {} },
    header: () => ({ site, visitorId, consentId }),
    post: (batch, transport) => sender.post('events', batch, transport),
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
  return { queue, delivery, add, warn, sender, store };
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
});
