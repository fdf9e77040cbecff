import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSender } from '../../src/net/create-sender';
import { type EventBatch, eventBatch, type TelemetryEvent } from '../../src/protocol/events';
import { createKeyValueStore } from '../../src/storage/create-key-value-store';
import {
  batchIntervalMs,
  batchThreshold,
  createDelivery,
  maxKeepaliveBytes,
} from '../../src/telemetry/create-delivery';
import { createEventQueue } from '../../src/telemetry/create-event-queue';
import { queueKey } from '../../src/telemetry/telemetry-keys';

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
        visibleMs: n,
      }
    : {
        id: crypto.randomUUID(),
        at: new Date(Date.now() + n).toISOString(),
        type: 'widget',
        action: 'opened',
      };
}

function setup(options: { random?: number; granted?: () => boolean } = {}) {
  const store = createKeyValueStore(site, null);
  const sender = createSender({
    collector,
    gate: () => options.granted?.() ?? true,
    store,
    onOnline: () => () => {},
  });
  const queue = createEventQueue({
    store: Promise.resolve(store),
  });
  const warn = vi.fn();
  const delivery = createDelivery({
    queue,
    lease: { acquire: async () => true, release: () => {} },
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

const ids = (arrival: Arrival | undefined) => arrival?.body.events.map((event) => event.id);

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

  it('on leaving sends everything with keepalive, in chunks under 60 KB', async () => {
    const { add, delivery, queue } = setup();
    const longPath = `/${'a'.repeat(500)}`;
    const events = Array.from({ length: 300 }, (_, n) => widgetEvent(n + 1, longPath));
    add(events.slice(0, 19));
    for (const event of events.slice(19)) queue.add(event);
    delivery.leave();
    await until(() => expect(arrivals.flatMap((arrival) => arrival.body.events)).toHaveLength(300));
    expect(arrivals.length).toBeGreaterThan(2);
    for (const arrival of arrivals) {
      expect(arrival.bytes).toBeLessThan(maxKeepaliveBytes);
      expect(arrival.body.events.length).toBeLessThanOrEqual(100);
      expect(arrival.keepalive).toBe(true);
    }
    expect(new Set(arrivals.flatMap(ids))).toEqual(new Set(events.map((event) => event.id)));
  });

  it('keeps an event whose keepalive request failed stored until a 2xx, and retries it on its own', async () => {
    let failNow: () => void = () => {};
    const failed = new Promise<void>((resolve) => {
      failNow = resolve;
    });
    answers = [
      async () => {
        await failed;
        return HttpResponse.error();
      },
    ];
    const { add, delivery, store } = setup({ random: 0 });
    const storedIds = async () =>
      ((await store.get(queueKey, eventBatch.shape.events)) ?? []).map((event) => event.id);
    // Captured as the page is hidden, then handed to keepalive at once.
    const last = widgetEvent(0);
    add([last]);
    delivery.leave();
    await until(() => expect(arrivals).toHaveLength(1));
    expect(arrivals[0]?.keepalive).toBe(true);
    // The batch timer comes round while keepalive is still out: nothing else to send.
    await vi.advanceTimersByTimeAsync(batchIntervalMs);
    expect(arrivals).toHaveLength(1);
    failNow();
    await until(() => expect(vi.getTimerCount()).toBe(1));
    expect(await storedIds()).toEqual([last.id]);
    // No new event comes (a hidden tab): the retry must not wait for one.
    await vi.advanceTimersByTimeAsync(500);
    await until(() => expect(arrivals).toHaveLength(2));
    expect(ids(arrivals[1])).toEqual([last.id]);
    await vi.waitFor(async () => expect(await storedIds()).toEqual([]));
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
