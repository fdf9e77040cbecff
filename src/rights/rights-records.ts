/**
 * The visitor's own record of the rights requests sent from this browser
 * (IndexedDB, `{site}:rights-requests`), shown in their data view and in
 * `data.export()` until they erase it.
 */
import type { RightsRequestRecord } from '../api/samtal-api';
import { fieldNames } from '../config/allowed-values';
import { z } from '../protocol/zod-setup';
import type { KeyValueStore } from '../storage/create-key-value-store';

const recordsKey = 'rights-requests';

/** Enough to show every recent request; a visitor cannot fill storage by clicking. */
const recordsKept = 50;

/** Our own output read back: a shape check is enough. */
const storedRecords = z.array(
  z.object({
    id: z.string(),
    kind: z.enum(['rectify', 'restrict', 'object']),
    submittedAt: z.string(),
    deadline: z.string(),
    leadIds: z.optional(z.array(z.string())),
    changes: z.optional(z.partialRecord(z.enum(fieldNames), z.string())),
    until: z.optional(z.string()),
  }),
);

/** The requests kept, oldest first. */
export async function readRightsRecords(store: KeyValueStore): Promise<RightsRequestRecord[]> {
  return (await store.get(recordsKey, storedRecords)) ?? [];
}

/** Keeps `record`, dropping the oldest beyond the limit. */
export async function keepRightsRecord(
  store: KeyValueStore,
  record: RightsRequestRecord,
): Promise<void> {
  await store.update(recordsKey, storedRecords, (current) =>
    [...(current ?? []).filter((known) => known.id !== record.id), record].slice(-recordsKept),
  );
}

export async function eraseRightsRecords(store: KeyValueStore): Promise<void> {
  await store.delete(recordsKey);
}
