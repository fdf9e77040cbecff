/**
 * One tab at a time sends the shared queue, so two open tabs do not post the
 * same events twice. With Web Locks the sending tab holds a lock for one
 * round of sending. A tab frozen mid-round (back/forward cache) would hold it
 * for good, so after a few misses the lock is taken over (`steal`): at worst
 * two tabs send once each, and the collector drops duplicates by id. Without
 * Web Locks, a short lease in storage; a tab that vanishes loses it when it
 * runs out.
 */
import { z } from '../protocol/zod-setup';
import type { KeyValueStore } from '../storage/create-key-value-store';
import type { LockManagerLike } from './create-exclusive';
import { leaseKey } from './telemetry-keys';

export interface SendLease {
  /** True when this tab may send now; takes the lease when it is free. */
  acquire(): Promise<boolean>;
  /** Lets another tab send; called after each round. */
  release(): void;
}

export interface SendLeaseOptions {
  name: string;
  locks: LockManagerLike | null;
  store: Promise<KeyValueStore>;
  tabId: string;
  now?: () => number;
  /** How long a storage lease lasts without renewal. */
  leaseMs?: number;
}

/** Missed rounds before the lock is taken over from a tab that seems frozen. */
const maxMisses = 3;

const storedLease = z.object({ tab: z.string(), until: z.number() });

export function createSendLease(options: SendLeaseOptions): SendLease {
  const { name, locks, store, tabId, now = Date.now, leaseMs = 15_000 } = options;
  let held = false;
  let letGo: (() => void) | null = null;
  let misses = 0;

  function acquireLock(manager: LockManagerLike): Promise<boolean> {
    const options = misses >= maxMisses ? { steal: true } : { ifAvailable: true };
    return new Promise<boolean>((resolve) => {
      manager
        .request(name, options, (lock) => {
          if (lock === null) {
            misses += 1;
            resolve(false);
            return undefined;
          }
          misses = 0;
          held = true;
          resolve(true);
          // The lock is held until this promise settles.
          return new Promise<void>((release) => {
            letGo = release;
          });
        })
        .catch(() => resolve(false));
    });
  }

  async function acquireLease(): Promise<boolean> {
    try {
      const kv = await store;
      const current = await kv.get(leaseKey, storedLease);
      if (current && current.tab !== tabId && current.until > now()) return false;
      await kv.set(leaseKey, { tab: tabId, until: now() + leaseMs });
      held = true;
      return true;
    } catch {
      return false;
    }
  }

  return {
    acquire() {
      if (locks === null) return acquireLease();
      return held ? Promise.resolve(true) : acquireLock(locks);
    },
    release() {
      if (!held) return;
      held = false;
      if (letGo) {
        letGo();
        letGo = null;
        return;
      }
      void store
        .then(async (kv) => {
          const current = await kv.get(leaseKey, storedLease);
          if (current?.tab === tabId) await kv.delete(leaseKey);
        })
        .catch(() => undefined);
    },
  };
}
