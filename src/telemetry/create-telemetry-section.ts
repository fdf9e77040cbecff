/**
 * Telemetry's part of `Samtal.data.export()` and `.erase()`: the visitor id
 * and the queued events. It works whether or not telemetry runs (a visitor
 * who withdrew analytics may still want to see or erase what is left), and
 * it never loads the telemetry chunk.
 */
import type { DataSection } from '../data/create-data-registry';
import { z } from '../protocol/zod-setup';
import type { KeyValueStore } from '../storage/create-key-value-store';
import { claimPrefix, queuePrefix, visitorIdKey } from './telemetry-keys';
import { readVisitorId } from './visitor-id';

/** What a running telemetry adds: its in-memory queue. */
export interface RunningTelemetryData {
  exportData(): Promise<{ visitorId: string | null; queuedEvents: unknown[] }>;
  erase(): Promise<void>;
}

export interface TelemetrySectionOptions {
  services(): Promise<{ store: KeyValueStore }>;
  running(): RunningTelemetryData | null;
}

export function createTelemetrySection(options: TelemetrySectionOptions): DataSection {
  return {
    async export() {
      const running = options.running();
      if (running !== null) return running.exportData();
      const { store } = await options.services();
      return {
        visitorId: (await readVisitorId(store)) ?? null,
        queuedEvents: (await store.list(queuePrefix, z.unknown())).map((entry) => entry.value),
      };
    },
    async erasureIds() {
      // The collector files events under the visitor id: the erasure request must name it.
      const { store } = await options.services();
      return { visitorId: (await readVisitorId(store)) ?? null };
    },
    async erase() {
      await options.running()?.erase();
      const { store } = await options.services();
      await store.deletePrefix(queuePrefix);
      await store.deletePrefix(claimPrefix);
      await store.delete(visitorIdKey);
    },
  };
}
