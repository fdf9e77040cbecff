import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { TelemetryEvent } from '../../src/protocol/events';
import { createKeyValueStore, type IdbBackend } from '../../src/storage/create-key-value-store';
import { createEventQueue, maxQueuedEvents } from '../../src/telemetry/create-event-queue';
import { createExclusive, type LockManagerLike } from '../../src/telemetry/create-exclusive';
import { queueKey } from '../../src/telemetry/telemetry-keys';

const day = 24 * 60 * 60 * 1000;
const start = Date.parse('2026-03-01T10:00:00.000Z');
let sites = 0;

function event(at: number, n = 0): TelemetryEvent {
  return {
    id: crypto.randomUUID(),
    at: new Date(at + n).toISOString(),
    type: 'widget',
    action: 'opened',
  };
}

/** A fresh site on the shared fake IndexedDB: like a new origin. */
function setup(options: { now?: () => number; locks?: LockManagerLike | null } = {}) {
  sites += 1;
  const store = createKeyValueStore(`site-${sites}`);
  const open = () =>
    createEventQueue({
      store: Promise.resolve(store),
      exclusive: createExclusive('queue', options.locks ?? null),
      now: options.now ?? (() => start),
    });
  return { store, open };
}

async function storedIds(store: ReturnType<typeof createKeyValueStore>): Promise<string[]> {
  const { z } = await import('../../src/protocol/zod-setup');
  const stored = await store.get(queueKey, z.array(z.object({ id: z.string() })));
  return (stored ?? []).map((item) => item.id);
}

describe('the event queue', () => {
  it('survives a reload: a new page finds the events an earlier one queued', async () => {
    const { store, open } = setup();
    const first = open();
    const events = [event(start), event(start, 1)];
    for (const item of events) first.add(item);
    await vi.waitFor(async () => expect(await storedIds(store)).toHaveLength(2));

    const afterReload = open();
    await afterReload.load();
    expect(afterReload.events()).toEqual(events);
  });

  it('keeps the newest 500 events, dropping the oldest first', async () => {
    const { store, open } = setup();
    const queue = open();
    const events = Array.from({ length: maxQueuedEvents + 10 }, (_, n) => event(start, n));
    for (const item of events) queue.add(item);
    expect(queue.size()).toBe(maxQueuedEvents);
    expect(queue.peek(1)[0]?.id).toBe(events[10]?.id);
    await vi.waitFor(async () => {
      const ids = await storedIds(store);
      expect(ids).toHaveLength(maxQueuedEvents);
      expect(ids[0]).toBe(events[10]?.id);
    });
  });

  it('drops events older than 7 days', async () => {
    let now = start;
    const { open } = setup({ now: () => now });
    const queue = open();
    const old = event(start - 8 * day);
    const recent = event(start - day);
    queue.add(old);
    queue.add(recent);
    await queue.load();
    expect(queue.events()).toEqual([recent]);
    now = start + 7 * day;
    await queue.load();
    expect(queue.events()).toEqual([]);
  });

  it('reads corrupt stored data as an empty queue and carries on', async () => {
    const { store, open } = setup();
    await store.set(queueKey, 'not a queue');
    const queue = open();
    await queue.load();
    expect(queue.events()).toEqual([]);
    const fresh = event(start);
    queue.add(fresh);
    await vi.waitFor(async () => expect(await storedIds(store)).toEqual([fresh.id]));
  });

  it('drops only the stored entries that are invalid', async () => {
    const { store, open } = setup();
    const valid = event(start);
    await store.set(queueKey, [
      { ...event(start), type: 'page-view', path: '/a?secret=1', navigation: 'load' },
      valid,
      null,
      { type: 'unknown' },
    ]);
    const queue = open();
    await queue.load();
    expect(queue.events()).toEqual([valid]);
  });

  it('removes delivered events from memory and storage', async () => {
    const { store, open } = setup();
    const queue = open();
    const [a, b] = [event(start), event(start, 1)];
    queue.add(a);
    queue.add(b);
    await queue.remove([a.id]);
    expect(queue.events()).toEqual([b]);
    expect(await storedIds(store)).toEqual([b.id]);
  });

  it('clear empties memory at once and storage right after, and a write begun before cannot bring events back', async () => {
    const { store, open } = setup();
    const queue = open();
    queue.add(event(start));
    await vi.waitFor(async () => expect(await storedIds(store)).toHaveLength(1));
    queue.add(event(start, 1));
    const cleared = queue.clear();
    expect(queue.events()).toEqual([]);
    await cleared;
    // Let any write that was under way finish.
    await queue.remove(['3f2504e0-4f89-41d3-9a0c-0305e82c3301']);
    expect(await storedIds(store)).toEqual([]);
  });

  it('keeps working in memory when IndexedDB fails, without throwing', async () => {
    const failing: IdbBackend = {
      get: () => Promise.reject(new Error('QuotaExceededError')),
      set: () => Promise.reject(new Error('QuotaExceededError')),
      update: () => Promise.reject(new Error('QuotaExceededError')),
      del: () => Promise.reject(new Error('QuotaExceededError')),
      keys: () => Promise.reject(new Error('QuotaExceededError')),
      createStore: () => () => Promise.reject(new Error('blocked')),
    };
    const store = createKeyValueStore('failing', failing);
    const queue = createEventQueue({
      store: Promise.resolve(store),
      exclusive: createExclusive('queue', null),
    });
    const item = event(Date.now());
    queue.add(item);
    await queue.load();
    expect(queue.events()).toEqual([item]);
    await queue.remove([item.id]);
    expect(queue.events()).toEqual([]);
    expect(store.inMemory).toBe(true);
  });

  it('two tabs adding at the same time lose none of each other’s events', async () => {
    // A lock manager shared by both "tabs", as navigator.locks is across an origin.
    let tail: Promise<unknown> = Promise.resolve();
    const locks: LockManagerLike = {
      request: (_name, _options, callback) => {
        const run = tail.then(() => callback({}));
        tail = run.catch(() => undefined);
        return run;
      },
    };
    const { store, open } = setup({ locks });
    const tabA = open();
    const tabB = open();
    const events = Array.from({ length: 10 }, (_, n) => event(start, n));
    events.forEach((item, n) => {
      (n % 2 === 0 ? tabA : tabB).add(item);
    });
    await vi.waitFor(async () => expect(await storedIds(store)).toHaveLength(10));
    expect(new Set(await storedIds(store))).toEqual(new Set(events.map((item) => item.id)));
  });
});
