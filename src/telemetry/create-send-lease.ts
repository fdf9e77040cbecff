/**
 * One tab at a time sends the shared queue: the one holding the lease, for
 * one round of sending. With Web Locks the lease is a lock; without them
 * (Safari before 15.4), a short lease in IndexedDB, taken in one
 * transaction so two tabs cannot both take it.
 *
 * A tab frozen mid-round (a background tab, or the back/forward cache) would
 * hold the lease for good, so a tab that has found it taken for 30 s while
 * it had events due takes it over (`steal`). The lease decides who sends,
 * not what: events another tab has claimed for its request stay untouched
 * until that claim runs out (`create-event-queue.ts`), so a takeover, or a
 * storage lease that lapses mid-request, sends nothing twice. No lock is
 * ever held, or waited for, across `pagehide`: Chromium evicts a cached
 * page when another page wants a lock it holds.
 */
import { z } from '../protocol/zod-setup';
import type { KeyValueStore } from '../storage/create-key-value-store';
import type { LockManagerLike } from './create-exclusive';
import { leaseKey } from './telemetry-keys';

export interface SendLease {
  /** True when this tab may send now. `steal` takes the lease from a tab that seems stuck. */
  acquire(steal?: boolean): Promise<boolean>;
  /** Lets another tab send; after each round, and when the page is hidden away. */
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
  // Bumped by release(): a lock granted after it is given back at once.
  let generation = 0;

  function acquireLock(manager: LockManagerLike, steal: boolean): Promise<boolean> {
    const asked = generation;
    return new Promise<boolean>((resolve) => {
      manager
        .request(name, steal ? { steal: true } : { ifAvailable: true }, (lock) => {
          if (lock === null || asked !== generation) {
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

  async function acquireLease(steal: boolean): Promise<boolean> {
    try {
      const kv = await store;
      let taken = false;
      await kv.update(leaseKey, storedLease, (current) => {
        if (!steal && current && current.tab !== tabId && current.until > now()) return current;
        taken = true;
        return { tab: tabId, until: now() + leaseMs };
      });
      held = taken;
      return taken;
    } catch {
      return false;
    }
  }

  return {
    acquire(steal = false) {
      if (held) return Promise.resolve(true);
      return locks === null ? acquireLease(steal) : acquireLock(locks, steal);
    },
    release() {
      generation += 1;
      if (!held) return;
      held = false;
      if (letGo) {
        letGo();
        letGo = null;
        return;
      }
      void store
        .then((kv) =>
          kv.update(leaseKey, storedLease, (current) =>
            current?.tab === tabId ? undefined : current,
          ),
        )
        .catch(() => undefined);
    },
  };
}
