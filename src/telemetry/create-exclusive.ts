/**
 * Runs tasks one at a time, in this tab and, where the browser has Web Locks,
 * across every tab of the site: two tabs making the visitor id at once would
 * otherwise each store their own. Without Web Locks (Safari before 15.4)
 * only this tab's tasks are ordered. The event queue needs no lock: it
 * writes in single IndexedDB transactions (see `create-event-queue.ts`).
 */

/** The part of `navigator.locks` used here. */
export interface LockManagerLike {
  request<T>(
    name: string,
    options: { ifAvailable?: boolean; steal?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => Promise<T> | T,
  ): Promise<T>;
}

/**
 * How long to wait for the cross-tab lock. A tab frozen in the back/forward
 * cache in the middle of a write can hold it indefinitely; after this the
 * task runs with only this tab's ordering rather than never.
 */
export const lockWaitMs = 2_000;

/** Runs `task` when every earlier one has finished; never rejects because an earlier one did. */
export type Exclusive = <T>(task: () => Promise<T>) => Promise<T>;

/** The browser's lock manager, or null. */
export function browserLocks(): LockManagerLike | null {
  return typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null;
}

export function createExclusive(name: string, locks: LockManagerLike | null): Exclusive {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = (): Promise<T> => {
      if (locks === null) return task();
      let granted = false;
      const locked = () => {
        granted = true;
        return task();
      };
      return locks
        .request(name, { signal: AbortSignal.timeout(lockWaitMs) }, locked)
        .catch((error: unknown) => {
          if (granted) throw error;
          return task();
        });
    };
    const result = tail.then(run, run);
    tail = result.catch(() => undefined);
    return result;
  };
}
