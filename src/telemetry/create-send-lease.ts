/**
 * One tab at a time sends the shared queue, so two open tabs do not post the
 * same events twice. With Web Locks the sending tab holds a lock until it
 * lets go (or closes, which frees it). Without them, a short lease in storage
 * that the sender renews; a tab that vanishes loses it when it runs out.
 */
import { z } from '../protocol/zod-setup';
import type { KeyValueStore } from '../storage/create-key-value-store';
import type { LockManagerLike } from './create-exclusive';
import { leaseKey } from './telemetry-keys';

export interface SendLease {
  /** True when this tab may send now; takes the lease when it is free. */
  acquire(): Promise<boolean>;
  /** Lets another tab send. Held locks keep a page out of the back/forward cache. */
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

const storedLease = z.object({ tab: z.string(), until: z.number() });

export function createSendLease(options: SendLeaseOptions): SendLease {
  const { name, locks, store, tabId, now = Date.now, leaseMs = 15_000 } = options;
  let held = false;
  let letGo: (() => void) | null = null;

  function acquireLock(manager: LockManagerLike): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      manager
        .request(name, { ifAvailable: true }, (lock) => {
          if (lock === null) {
            resolve(false);
            return undefined;
          }
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
