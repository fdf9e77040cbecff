/**
 * Where telemetry keeps things in Samtal's own key-value store (keys are
 * prefixed by site there). Shared by the telemetry chunk and the data section
 * that exports and erases them, which must work while telemetry is off.
 */

/**
 * The queue of unsent events, one key per event (`telemetry-event:{id}`),
 * so adding and removing are single writes that never need the page's
 * script mid-transaction (see `create-key-value-store.ts`).
 */
export const queuePrefix = 'telemetry-event:';

/** The visitor id (a random UUID), created only with analytics consent. */
export const visitorIdKey = 'visitor-id';

/** Which tab may send, where the browser has no Web Locks. */
export const leaseKey = 'telemetry-lease';

/**
 * Which events a tab is sending right now (`telemetry-claim:{tab id}`:
 * their ids and when the claim runs out), so no other tab, and no page
 * leaving, sends them at the same time (see `create-event-queue.ts`).
 */
export const claimPrefix = 'telemetry-claim:';
