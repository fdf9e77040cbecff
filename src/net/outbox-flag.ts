/**
 * The preference key set while the sender's outbox holds something. It is
 * read at start, without opening IndexedDB, so a page whose predecessor left
 * receipts, leads or an erasure request unsent loads the sender to send them.
 */
export const outboxFlagKey = 'outbox-pending';
