/**
 * The queue of unsent events, shared by every tab of the site: the copy in
 * Samtal's own IndexedDB store is the queue, and each tab holds in memory
 * what it last read of it plus the events it captured since. Events
 * survive reloads and reach the collector from a later page if this one
 * closes first.
 *
 * Each event is its own key, so adding and removing are single writes:
 * tabs never overwrite each other's events, with or without Web Locks, and
 * a write made as the page is left finishes without the page's script, so
 * the page stays fit for the back/forward cache. Capped at 500 events and
 * 7 days, oldest dropped first (when the queue is read), so a collector
 * that is down for a week cannot fill the visitor's disk.
 *
 * When a tab removes events (sent, or handed to a keepalive request as its
 * page unloads) or empties the queue, it tells the other tabs on a
 * BroadcastChannel, so none of them sends those events again from memory.
 *
 * Nothing here throws into the page: the store already falls back to memory
 * when IndexedDB fails, and any other failure leaves the events in memory.
 */
import {
  deviceEvent,
  engagementEvent,
  linkClickEvent,
  pageViewEvent,
  type TelemetryEvent,
  widgetEvent,
} from '../protocol/events';
import { z } from '../protocol/zod-setup';
import type { KeyValueStore } from '../storage/create-key-value-store';
import {
  type ChannelFactory,
  createTabChannel,
  type PageEvents,
} from '../storage/create-tab-channel';
import { queuePrefix } from './telemetry-keys';

/** Most events kept; older ones are dropped first. */
export const maxQueuedEvents = 500;
/** Oldest event kept. */
export const maxQueuedAgeMs = 7 * 24 * 60 * 60 * 1000;

export interface EventQueue {
  /** Adds an event now (memory) and to storage soon. */
  add(event: TelemetryEvent): void;
  /** Up to `max` events, oldest first, skipping ids in `skip`. */
  peek(max: number, skip?: ReadonlySet<string>): TelemetryEvent[];
  /** Removes delivered (or refused) events, here, in storage and in the other tabs' memory. */
  remove(ids: readonly string[]): Promise<void>;
  /**
   * Reads the shared queue: this tab's own changes are written first, and
   * what other tabs sent meanwhile is gone from memory afterwards.
   */
  load(): Promise<void>;
  size(): number;
  /** Everything queued, for `data.export()`. */
  events(): TelemetryEvent[];
  /**
   * Empties the queue: memory at once, in the other tabs too, the stored
   * copy deleted right away, and writes begun before are dropped. For
   * withdrawal and erasure.
   */
  clear(): Promise<void>;
  /** Stops listening to the other tabs. */
  dispose(): void;
}

export interface EventQueueOptions {
  store: Promise<KeyValueStore>;
  /** Names the channel to the site's other tabs. */
  site: string;
  now?: () => number;
  channel?: ChannelFactory;
  page?: PageEvents | null;
}

/** What a tab tells the others. */
type QueueMessage = { removed: string[] } | { cleared: true };

// Picked by `type` rather than with the `telemetryEvent` union: a union type
// used here would be hoisted into the entry chunk every page loads.
const schemaOf: Record<TelemetryEvent['type'], z.ZodMiniType<TelemetryEvent>> = {
  'page-view': pageViewEvent,
  'link-click': linkClickEvent,
  engagement: engagementEvent,
  widget: widgetEvent,
  device: deviceEvent,
};

/** A stored event as its type's schema reads it, or null. Checked one by one: a bad entry costs only itself. */
function parseStored(item: unknown): TelemetryEvent | null {
  const type = (item as { type?: unknown } | null)?.type;
  const schema = typeof type === 'string' ? schemaOf[type as TelemetryEvent['type']] : undefined;
  const parsed = schema?.safeParse(item);
  return parsed?.success ? parsed.data : null;
}

const keyOf = (id: string) => queuePrefix + id;

export function createEventQueue(options: EventQueueOptions): EventQueue {
  const { store, site, now = Date.now } = options;
  let memory: TelemetryEvent[] = [];
  // Added and not yet written: they ride along with the next write.
  let added: TelemetryEvent[] = [];
  // Being written: a read made meanwhile may not see them yet.
  let writing: TelemetryEvent[] = [];
  // Bumped by clear(): a write or read begun before it must not put old events back.
  let epoch = 0;
  // The last write asked for, and the one that will take `added` (not started yet).
  let written: Promise<void> = Promise.resolve();
  let scheduled: Promise<void> | null = null;

  const forget = (ids: ReadonlySet<string>) => {
    const kept = (event: TelemetryEvent) => !ids.has(event.id);
    memory = memory.filter(kept);
    added = added.filter(kept);
    writing = writing.filter(kept);
  };
  const emptyMemory = () => {
    epoch += 1;
    memory = [];
    added = [];
    writing = [];
  };
  const channel = createTabChannel(`samtal:${site}:telemetry-queue`, {
    open: options.channel,
    ...(options.page === undefined ? {} : { page: options.page }),
    onMessage(data) {
      const message = data as Partial<{ removed: unknown; cleared: unknown }> | null;
      if (message?.cleared === true) emptyMemory();
      else if (Array.isArray(message?.removed)) forget(new Set(message.removed.map(String)));
    },
  });

  /** Runs one storage request once the store is at hand, unless a clear() came first; never rejects. */
  function write(run: (kv: KeyValueStore) => Promise<void>): Promise<void> {
    const startedIn = epoch;
    const done = store
      .then((kv) => (epoch === startedIn ? run(kv) : undefined))
      .catch(() => undefined);
    written = done;
    return done;
  }

  /**
   * Writes the events added since the last write. A burst of events costs
   * one write, not one each; writes apply in the order they were asked for
   * (IndexedDB runs a store's read-write transactions in order).
   */
  function persist(): Promise<void> {
    if (scheduled !== null) return scheduled;
    if (added.length === 0) return written;
    const startedIn = epoch;
    const pending = store
      .then((kv) => {
        scheduled = null;
        const adding = added;
        added = [];
        if (epoch !== startedIn || adding.length === 0) return undefined;
        writing = [...writing, ...adding];
        return kv.setMany(adding.map((event) => [keyOf(event.id), event])).finally(() => {
          writing = writing.filter((event) => !adding.includes(event));
        });
      })
      .catch(() => undefined);
    scheduled = pending;
    written = pending;
    return pending;
  }

  /** The stored queue, within the caps; what falls outside them, or does not parse, is deleted. */
  async function readStored(kv: KeyValueStore): Promise<TelemetryEvent[]> {
    const oldest = now() - maxQueuedAgeMs;
    const found = await kv.list(queuePrefix, z.unknown());
    const kept: TelemetryEvent[] = [];
    const dropped: string[] = [];
    for (const { key, value } of found) {
      const event = parseStored(value);
      if (event !== null && Date.parse(event.at) >= oldest) kept.push(event);
      else dropped.push(key);
    }
    kept.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    const excess = kept.splice(0, Math.max(0, kept.length - maxQueuedEvents));
    dropped.push(...excess.map((event) => keyOf(event.id)));
    if (dropped.length > 0) await kv.deleteMany(dropped);
    return kept;
  }

  return {
    add(event) {
      // Only the count is capped here, cheaply; age is checked on load.
      memory.push(event);
      if (memory.length > maxQueuedEvents) memory.splice(0, memory.length - maxQueuedEvents);
      added.push(event);
      void persist();
    },
    peek(max, skip) {
      const result: TelemetryEvent[] = [];
      for (const event of memory) {
        if (result.length >= max) break;
        if (!skip?.has(event.id)) result.push(event);
      }
      return result;
    },
    remove(ids) {
      if (ids.length === 0) return Promise.resolve();
      forget(new Set(ids));
      // Told at once, not after the write: a tab that unloads now must not send these again.
      channel.post({ removed: [...ids] } satisfies QueueMessage);
      return write((kv) => kv.deleteMany(ids.map(keyOf)));
    },
    async load() {
      const startedIn = epoch;
      try {
        await persist();
        await written;
        const stored = await readStored(await store);
        if (epoch !== startedIn) return;
        // What other tabs sent is no longer stored, so it leaves memory too;
        // events added meanwhile may not be stored yet, and stay.
        const seen = new Set(stored.map((event) => event.id));
        memory = [...stored, ...[...writing, ...added].filter((event) => !seen.has(event.id))];
      } catch {
        // Storage unreadable: carry on with what is in memory.
      }
    },
    size: () => memory.length,
    events: () => [...memory],
    async clear() {
      emptyMemory();
      channel.post({ cleared: true } satisfies QueueMessage);
      try {
        const kv = await store;
        await kv.deletePrefix(queuePrefix);
      } catch {
        // The store falls back to memory itself; nothing else to do.
      }
    },
    dispose() {
      channel.close();
    },
  };
}
