/**
 * Where telemetry keeps things in Samtal's own key-value store (keys are
 * prefixed by site there). Shared by the telemetry chunk and the data section
 * that exports and erases them, which must work while telemetry is off.
 */

/** The queue of unsent events. */
export const queueKey = 'telemetry-queue';

/** The visitor id (a random UUID), created only with analytics consent. */
export const visitorIdKey = 'visitor-id';

/** Which tab may send, where the browser has no Web Locks. */
export const leaseKey = 'telemetry-lease';
