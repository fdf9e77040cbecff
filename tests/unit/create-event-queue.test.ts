import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { TelemetryEvent } from '../../src/protocol/events';
import { z } from '../../src/protocol/zod-setup';
import {
  createKeyValueStore,
  type IdbBackend,
  type KeyValueStore,
} from '../../src/storage/create-key-value-store';
import { claimMs, createEventQueue, maxQueuedEvents } from '../../src/telemetry/create-event-queue';
import { claimPrefix, queuePrefix } from '../../src/telemetry/telemetry-keys';
import { channelHub } from './support/channel-hub';

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
function setup(options: { now?: () => number } = {}) {
  sites += 1;
  const site = `site-${sites}`;
  const store = createKeyValueStore(site);
  const hub = channelHub();
  /**
   * A tab: its own queue (and, by default, its own connection) over the one
   * database; `deaf` gives it a channel of its own, so it hears no other tab.
   */
  const open = (tabStore = store, deaf = false) =>
    createEventQueue({
      store: Promise.resolve(tabStore),
      site,
      now: options.now ?? (() => start),
      channel: deaf ? channelHub().factory : hub.factory,
    });
  return { store, open, site, hub };
}

/** Ids of the stored events, oldest first. */
async function storedIds(store: ReturnType<typeof createKeyValueStore>): Promise<string[]> {
  const stored = await store.list(queuePrefix, z.object({ id: z.string(), at: z.string() }));
  return stored
    .flatMap((entry) => (entry.value ? [entry.value] : []))
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((item) => item.id);
}

/** Stores `values` as queued events are stored, each under its own key. */
async function storeRaw(store: ReturnType<typeof createKeyValueStore>, values: unknown[]) {
  await store.setMany(values.map((value, index) => [`${queuePrefix}raw-${index}`, value]));
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
    // Storage is trimmed when the queue is read, as every round of sending does.
    await queue.load();
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
    await storeRaw(store, ['not an event']);
    const queue = open();
    await queue.load();
    expect(queue.events()).toEqual([]);
    // Deleted, not left to be read again on every page.
    expect(await store.keys()).toEqual([]);
    const fresh = event(start);
    queue.add(fresh);
    await vi.waitFor(async () => expect(await storedIds(store)).toEqual([fresh.id]));
  });

  it.each([
    ['a string', 'not a queue'],
    ['a number', 42],
    ['null', null],
    ['an object of the wrong shape', { events: [{ id: 'x', type: 'widget' }] }],
    ['an array', [[1, 2], []]],
  ])(
    'drops a stored event that is %s, without throwing, and keeps queuing',
    async (_name, corrupt) => {
      const { store, open } = setup();
      await storeRaw(store, [corrupt]);
      const queue = open();
      // Written before anything is loaded: the write itself meets the corrupt value.
      const fresh = event(start);
      queue.add(fresh);
      await vi.waitFor(async () => expect(await storedIds(store)).toEqual([fresh.id]));
      await queue.load();
      expect(queue.events()).toEqual([fresh]);
      await queue.remove([fresh.id]);
      expect(await storedIds(store)).toEqual([]);
    },
  );

  it('filters stored events that fail their schema out of memory and out of storage', async () => {
    const { store, open } = setup();
    const valid = event(start);
    await storeRaw(store, [
      { ...event(start), id: 'not-a-uuid' },
      { ...event(start), at: 'yesterday' },
      { ...event(start), action: 'hacked' },
      { ...event(start), type: 'engagement', path: '/a', visibleMs: -5 },
      { ...event(start), type: 'page-view', path: 'no-slash', navigation: 'load' },
      valid,
    ]);
    const queue = open();
    await queue.load();
    expect(queue.events()).toEqual([valid]);
    const fresh = event(start, 1);
    queue.add(fresh);
    await vi.waitFor(async () => expect(await storedIds(store)).toEqual([valid.id, fresh.id]));
  });

  it('drops only the stored entries that are invalid', async () => {
    const { store, open } = setup();
    const valid = event(start);
    await storeRaw(store, [
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
      transact: () => Promise.reject(new Error('QuotaExceededError')),
      del: () => Promise.reject(new Error('QuotaExceededError')),
      keys: () => Promise.reject(new Error('QuotaExceededError')),
      setMany: () => Promise.reject(new Error('QuotaExceededError')),
      delMany: () => Promise.reject(new Error('QuotaExceededError')),
      delRange: () => Promise.reject(new Error('QuotaExceededError')),
      getRange: () => Promise.reject(new Error('QuotaExceededError')),
      createStore: () => ({ use: () => Promise.reject(new Error('blocked')), close() {} }),
    };
    const store = createKeyValueStore('failing', failing);
    const queue = createEventQueue({ store: Promise.resolve(store), site: 'failing' });
    const item = event(Date.now());
    queue.add(item);
    await queue.load();
    expect(queue.events()).toEqual([item]);
    await queue.remove([item.id]);
    expect(queue.events()).toEqual([]);
    expect(store.inMemory).toBe(true);
  });

  it('two tabs adding at the same time lose none of each other’s events, without Web Locks', async () => {
    // Safari before 15.4 has no navigator.locks. Each tab is its own store, so its own
    // IndexedDB connection, over the one database.
    vi.stubGlobal('navigator', {});
    try {
      expect(navigator.locks).toBeUndefined();
      const { open, site } = setup();
      const second = createKeyValueStore(site);
      const tabA = open();
      const tabB = open(second);
      const events = Array.from({ length: 40 }, (_, n) => event(start, n));
      for (const [n, item] of events.entries()) {
        (n % 2 === 0 ? tabA : tabB).add(item);
        // Let writes start in between, as two tabs' tasks interleave.
        if (n % 5 === 4) await new Promise((resolve) => setImmediate(resolve));
      }
      await vi.waitFor(async () => expect(await storedIds(second)).toHaveLength(40));
      expect(new Set(await storedIds(second))).toEqual(new Set(events.map((item) => item.id)));
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('reading the shared queue forgets what another tab sent, and keeps what is not stored yet', async () => {
    const { store, open, site } = setup();
    const tabA = open();
    const tabB = open(createKeyValueStore(site));
    const [a, b] = [event(start), event(start, 1)];
    tabA.add(a);
    await tabB.load();
    expect(tabB.events()).toEqual([a]);
    // Tab A sends it; tab B reads the queue again before it sends anything itself.
    await tabA.remove([a.id]);
    tabB.add(b);
    await tabB.load();
    expect(tabB.events()).toEqual([b]);
    expect(await storedIds(store)).toEqual([b.id]);
  });

  it('tells the other tabs at once what it removed, so none sends it again from memory', async () => {
    const { open, site } = setup();
    const tabA = open();
    const tabB = open(createKeyValueStore(site));
    const events = [event(start), event(start, 1)];
    for (const item of events) tabA.add(item);
    await tabB.load();
    expect(tabB.size()).toBe(2);
    // Not awaited: the other tab knows before the write is done.
    void tabA.remove([events[0]?.id ?? '']);
    expect(tabB.events()).toEqual([events[1]]);
    tabA.dispose();
    tabB.dispose();
  });

  it('clear in one tab empties every tab, and no channel stays open after dispose', async () => {
    const { open, site, hub } = setup();
    const tabA = open();
    const tabB = open(createKeyValueStore(site));
    tabA.add(event(start));
    await tabB.load();
    expect(tabB.size()).toBe(1);
    await tabA.clear();
    expect(tabB.events()).toEqual([]);
    tabA.dispose();
    tabB.dispose();
    expect(hub.openChannels()).toBe(0);
  });

  describe('claims', () => {
    it('two tabs claiming the same events at once get each event once between them', async () => {
      // Neither hears the other on the channel: the transaction alone decides.
      const { open, site } = setup();
      const tabA = open(createKeyValueStore(site), true);
      const tabB = open(createKeyValueStore(site), true);
      const events = Array.from({ length: 30 }, (_, n) => event(start, n));
      for (const item of events) tabA.add(item);
      await tabA.load();
      await tabB.load();
      const [claimedByA, claimedByB] = await Promise.all([
        tabA.claim(events),
        tabB.claim(events.slice(10)),
      ]);
      const both = [...claimedByA, ...claimedByB].map((item) => item.id);
      expect(new Set(both).size).toBe(both.length);
      expect(new Set(both)).toEqual(new Set(events.map((item) => item.id)));
    });

    it('grants only events still queued: what a leaving tab handed over first is not claimed', async () => {
      const { open, site } = setup();
      const sender = open(createKeyValueStore(site), true);
      const leaving = open(createKeyValueStore(site), true);
      const events = [event(start), event(start, 1), event(start, 2)];
      for (const item of events) leaving.add(item);
      await sender.load();
      expect(sender.size()).toBe(3);
      // The leaving tab removes two as it hands them to keepalive; the sender did not hear it.
      await leaving.remove([events[0]?.id ?? '', events[1]?.id ?? '']);
      expect(await sender.claim(sender.peek(10))).toEqual([events[2]]);
      expect(sender.events()).toEqual([events[2]]);
    });

    it('another tab skips claimed events until the claim ends, whether it heard it or read it', async () => {
      let now = start;
      const { open, site } = setup({ now: () => now });
      const sender = open(createKeyValueStore(site));
      const heard = open(createKeyValueStore(site));
      const deaf = open(createKeyValueStore(site), true);
      const [a, b] = [event(start), event(start, 1)];
      sender.add(a);
      sender.add(b);
      await heard.load();
      await deaf.load();
      expect(await sender.claim([a])).toEqual([a]);
      // Told on the channel…
      expect(heard.peek(10)).toEqual([b]);
      // …or, for a tab that missed it, read from storage with the queue.
      expect(deaf.peek(10)).toEqual([a, b]);
      await deaf.load();
      expect(deaf.peek(10)).toEqual([b]);
      // A claim whose tab never answered (crashed, closed) runs out, and the event is free again.
      now = start + claimMs;
      expect(heard.peek(10)).toEqual([a, b]);
      expect(deaf.peek(10)).toEqual([a, b]);
      expect(await deaf.claim([a])).toEqual([a]);
    });

    it('a released claim lets any tab claim the events again; a removal deletes the claims', async () => {
      const { store, open, site } = setup();
      const sender = open(createKeyValueStore(site));
      const other = open(createKeyValueStore(site));
      const [a, b] = [event(start), event(start, 1)];
      sender.add(a);
      sender.add(b);
      await other.load();
      expect(await sender.claim([a, b])).toEqual([a, b]);
      expect(await other.claim([a, b])).toEqual([]);
      // The request failed: the sender lets its claim go.
      await sender.release([a.id, b.id]);
      expect(await other.claim([a, b])).toEqual([a, b]);
      await other.remove([a.id, b.id]);
      expect(await store.list(claimPrefix, z.unknown())).toEqual([]);
      expect(await storedIds(store)).toEqual([]);
    });

    it('a read of storage begun before this tab let its claim go does not bring the claim back', async () => {
      // The read has found the claims in storage, but its answer is handled after
      // the release (a data.export() or a round reading the queue while the request fails).
      const { site, hub, open } = setup();
      const store = createKeyValueStore(site);
      let claimsRead: () => void = () => {};
      const readStarted = new Promise<void>((resolve) => {
        claimsRead = resolve;
      });
      let answerRead: () => void = () => {};
      const answered = new Promise<void>((resolve) => {
        answerRead = resolve;
      });
      const slow: KeyValueStore = {
        ...store,
        async list(keyPrefix, schema) {
          const found = await store.list(keyPrefix, schema);
          if (keyPrefix === claimPrefix && found.length > 0) {
            claimsRead();
            await answered;
          }
          return found;
        },
      };
      const queue = createEventQueue({
        store: Promise.resolve(slow),
        site,
        now: () => start,
        channel: hub.factory,
      });
      const [a, b] = [event(start), event(start, 1)];
      queue.add(a);
      queue.add(b);
      expect(await queue.claim([a, b])).toEqual([a, b]);
      const reading = queue.load();
      await readStarted;
      // The request failed (the browser is offline): the claim is let go.
      await queue.release([a.id, b.id]);
      expect(queue.peek(10)).toEqual([a, b]);
      answerRead();
      await reading;
      // Still free to send: not taken for another tab's claim until it would run out.
      expect(queue.peek(10)).toEqual([a, b]);
      expect(await store.list(claimPrefix, z.unknown())).toEqual([]);
      // A claim read from storage that nothing here changed meanwhile is still kept.
      const other = open(createKeyValueStore(site), true);
      await other.load();
      expect(await other.claim([a])).toEqual([a]);
      await queue.load();
      expect(queue.peek(10)).toEqual([b]);
    });

    it('clear deletes the claims with the events', async () => {
      const { store, open } = setup();
      const queue = open();
      const item = event(start);
      queue.add(item);
      await queue.claim([item]);
      expect(await store.list(claimPrefix, z.unknown())).toHaveLength(1);
      await queue.clear();
      expect(await store.keys()).toEqual([]);
    });
  });
});
