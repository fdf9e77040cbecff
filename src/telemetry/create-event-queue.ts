/**
 * The queue of unsent events: in memory for this tab, mirrored to Samtal's
 * own IndexedDB store so events survive reloads and reach the collector on a
 * later page if this one closes first.
 *
 * Writes apply only what changed (events added, ids removed) to what is
 * stored, reading and writing in one IndexedDB transaction: browsers run
 * those one at a time across tabs, so tabs never overwrite each other's
 * events, with or without Web Locks. Waiting for no lock also means an event
 * captured as the page is left is on its way to disk at once, and stays
 * there until the collector has stored it. Capped at 500 events and 7 days, oldest dropped first, so a
 * collector that is down for a week cannot fill the visitor's disk.
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
import { queueKey } from './telemetry-keys';

/** Most events kept; older ones are dropped first. */
export const maxQueuedEvents = 500;
/** Oldest event kept. */
export const maxQueuedAgeMs = 7 * 24 * 60 * 60 * 1000;

export interface EventQueue {
  /** Adds an event now (memory) and to storage soon. */
  add(event: TelemetryEvent): void;
  /** Up to `max` events, oldest first, skipping ids in `skip`. */
  peek(max: number, skip?: ReadonlySet<string>): TelemetryEvent[];
  /** Removes delivered (or refused) events. */
  remove(ids: readonly string[]): Promise<void>;
  /** Takes in what storage holds: earlier pages' and other tabs' events. */
  load(): Promise<void>;
  size(): number;
  /** Everything queued, for `data.export()`. */
  events(): TelemetryEvent[];
  /**
   * Empties the queue: memory at once, the stored copy deleted right away,
   * and writes begun before are dropped. For withdrawal and erasure.
   */
  clear(): Promise<void>;
}

export interface EventQueueOptions {
  store: Promise<KeyValueStore>;
  now?: () => number;
}

// Items are checked one by one, so one bad entry costs that entry, not the queue.
const storedQueue = z.array(z.unknown());

// Picked by `type` rather than with the `telemetryEvent` union: a union type
// used here would be hoisted into the entry chunk every page loads.
const schemaOf: Record<TelemetryEvent['type'], z.ZodMiniType<TelemetryEvent>> = {
  'page-view': pageViewEvent,
  'link-click': linkClickEvent,
  engagement: engagementEvent,
  widget: widgetEvent,
  device: deviceEvent,
};

function parseStored(items: readonly unknown[]): TelemetryEvent[] {
  return items.flatMap((item) => {
    const type = (item as { type?: unknown } | null)?.type;
    const schema = typeof type === 'string' ? schemaOf[type as TelemetryEvent['type']] : undefined;
    const parsed = schema?.safeParse(item);
    return parsed?.success ? [parsed.data] : [];
  });
}

export function createEventQueue(options: EventQueueOptions): EventQueue {
  const { store, now = Date.now } = options;
  let memory: TelemetryEvent[] = [];
  let added: TelemetryEvent[] = [];
  let removed = new Set<string>();
  // Bumped by clear(): a write begun before it must not put old events back.
  let epoch = 0;
  let pendingWrite: Promise<void> | null = null;

  function withinCaps(events: TelemetryEvent[]): TelemetryEvent[] {
    const oldest = now() - maxQueuedAgeMs;
    const fresh = events.filter((event) => Date.parse(event.at) >= oldest);
    return fresh.length > maxQueuedEvents ? fresh.slice(-maxQueuedEvents) : fresh;
  }

  function merge(base: TelemetryEvent[], extra: readonly TelemetryEvent[]): TelemetryEvent[] {
    const seen = new Set(base.map((event) => event.id));
    const merged = [...base];
    for (const event of extra) {
      if (!seen.has(event.id)) {
        seen.add(event.id);
        merged.push(event);
      }
    }
    return merged.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  }

  async function readStored(kv: KeyValueStore): Promise<TelemetryEvent[]> {
    return parseStored((await kv.get(queueKey, storedQueue)) ?? []);
  }

  /**
   * Applies the pending changes to storage. Changes made before the store is
   * at hand ride along with the first write, so a burst of events costs one
   * write, not one each; later writes queue up in IndexedDB in order.
   */
  function persist(): Promise<void> {
    if (pendingWrite !== null) return pendingWrite;
    const write = async (): Promise<void> => {
      const kv = await store;
      pendingWrite = null;
      const startedIn = epoch;
      const adding = added;
      const removing = removed;
      added = [];
      removed = new Set();
      await kv.update(queueKey, storedQueue, (stored) => {
        // A withdrawal came first: leave storage to its deletion.
        if (epoch !== startedIn) return stored;
        const next = withinCaps(
          merge(
            parseStored(stored ?? []).filter((event) => !removing.has(event.id)),
            adding.filter((event) => !removing.has(event.id)),
          ),
        );
        return next.length === 0 ? undefined : next;
      });
    };
    const run = write().catch(() => undefined);
    pendingWrite = run;
    return run;
  }

  return {
    add(event) {
      // Only the count is capped here, cheaply; age is checked on load and write.
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
    async remove(ids) {
      if (ids.length === 0) return;
      const gone = new Set(ids);
      memory = memory.filter((event) => !gone.has(event.id));
      for (const id of ids) removed.add(id);
      await persist();
    },
    async load() {
      const startedIn = epoch;
      try {
        const kv = await store;
        const stored = await readStored(kv);
        if (epoch === startedIn) {
          memory = withinCaps(
            merge(
              memory,
              stored.filter((event) => !removed.has(event.id)),
            ),
          );
        }
      } catch {
        // Storage unreadable: carry on with what is in memory.
      }
    },
    size: () => memory.length,
    events: () => [...memory],
    async clear() {
      epoch += 1;
      memory = [];
      added = [];
      removed = new Set();
      try {
        await (await store).delete(queueKey);
      } catch {
        // The store falls back to memory itself; nothing else to do.
      }
    },
  };
}
