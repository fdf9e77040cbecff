/**
 * A token bucket per key (site + client address). Kept in memory: a limit is
 * a guard against floods, not a ledger, so losing it on restart is fine.
 */

/** What the limiter decided for one request. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  take(key: string): RateDecision;
}

export interface RateLimiterOptions {
  /** Requests a key may make in a burst; the bucket's size. */
  requests: number;
  /** Seconds it takes an empty bucket to fill again. */
  perSeconds: number;
  now?: () => number;
}

// Full buckets carry no information; sweeping them keeps memory bounded by the active keys.
const sweepEveryMs = 60_000;

export function createRateLimiter({
  requests,
  perSeconds,
  now = Date.now,
}: RateLimiterOptions): RateLimiter {
  const tokensPerMs = requests / (perSeconds * 1000);
  const buckets = new Map<string, { tokens: number; at: number }>();
  let sweptAt = now();

  function refill(bucket: { tokens: number; at: number }, time: number): number {
    return Math.min(requests, bucket.tokens + (time - bucket.at) * tokensPerMs);
  }

  function sweep(time: number): void {
    sweptAt = time;
    for (const [key, bucket] of buckets) {
      if (refill(bucket, time) >= requests) buckets.delete(key);
    }
  }

  return {
    take(key) {
      const time = now();
      if (time - sweptAt >= sweepEveryMs) sweep(time);
      const bucket = buckets.get(key);
      const tokens = bucket === undefined ? requests : refill(bucket, time);
      if (tokens < 1) {
        buckets.set(key, { tokens, at: time });
        return {
          allowed: false,
          retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / tokensPerMs / 1000)),
        };
      }
      buckets.set(key, { tokens: tokens - 1, at: time });
      return { allowed: true };
    },
  };
}
