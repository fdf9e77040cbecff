/**
 * The preference key set while the sender's outbox holds something. It is
 * read at start, without opening IndexedDB, so a page whose predecessor left
 * receipts, leads or an erasure request unsent loads the sender to send them.
 */

import type { StoredValueSchema } from '../storage/create-preference-store';

export const outboxFlagKey = 'outbox-pending';

/** Reads the flag at start without a schema library: `true`, or nothing waiting. */
export const outboxFlag: StoredValueSchema<true> = {
  safeParse: (value) => (value === true ? { success: true, data: true } : { success: false }),
};
