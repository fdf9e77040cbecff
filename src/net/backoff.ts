/**
 * When to try again. Exponential backoff with full jitter (spreads retries of
 * many visitors after a collector outage), capped, and never sooner than the
 * server's `Retry-After`.
 */

/** First retry after about this long. */
export const baseDelayMs = 1_000;
/** Never wait longer than this between tries. */
export const maxDelayMs = 5 * 60_000;

/**
 * Delay before try number `attempt + 1` (attempt counts failures, from 1).
 * `random` is in [0, 1). The result lies in [retryAfter, max(retryAfter, cap)].
 */
export function backoffDelay(
  attempt: number,
  random: number,
  retryAfterMs: number | null = null,
): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, attempt - 1));
  // Full jitter, but at least half a base delay so a failing collector is not hammered.
  const jittered = Math.max(baseDelayMs / 2, Math.floor(random * ceiling));
  return retryAfterMs === null ? jittered : Math.max(retryAfterMs, jittered);
}

/**
 * Parses a `Retry-After` header: seconds, or an HTTP date. Returns
 * milliseconds from `now`, or null when absent or unreadable. Capped at an
 * hour so a wrong header cannot park data forever.
 */
export function parseRetryAfter(header: string | null, now: number): number | null {
  if (header === null || header.trim() === '') return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, 3_600_000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.min(Math.max(0, date - now), 3_600_000);
}

/** Statuses worth another try: the server may succeed later. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}
