/**
 * The collector's storage with the rights requests kept in step: an erasure
 * also takes the erased ids out of restrictions and the requests that named
 * them, and the retention purge also removes handled requests once they are
 * as old as the consent receipts may get (they are the same kind of proof,
 * GDPR art. 5(2)). Every way in (the endpoint, the console, the command line)
 * goes through this one wrapper.
 */
import type { CollectorStorage } from './collector-storage';
import type { RightsStorage } from './create-rights-storage';

export function withRightsRequests(
  storage: CollectorStorage,
  rights: RightsStorage,
): CollectorStorage {
  return {
    ...storage,
    async erase(target, erasedAt) {
      const deleted = await storage.erase(target, erasedAt);
      await rights.forget(target);
      return deleted;
    },
    async purge(cutoffs, now) {
      const purged = await storage.purge(cutoffs, now);
      if (!purged.skipped) await rights.purge(cutoffs.receipts);
      return purged;
    },
  };
}
