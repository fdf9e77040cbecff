/**
 * A token bucket per key (site + client). Kept in memory: a limit is a guard
 * against floods, not a ledger, so losing it on restart is fine. Memory is
 * bounded whatever clients send: keys are made only from checked values (a
 * configured site, an address), and at most `maxKeys` buckets are held, the
 * least recently used going first.
 */

/** What the limiter decided for one request. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  take(key: string): RateDecision;
  /** Buckets held now. */
  size(): number;
}

export interface RateLimiterOptions {
  /** Requests a key may make in a burst; the bucket's size. */
  requests: number;
  /** Seconds it takes an empty bucket to fill again. */
  perSeconds: number;
  /** Most buckets held at once (default 50,000: about 14 MB of heap with IPv6 keys). */
  maxKeys?: number;
  now?: () => number;
}

// Full buckets carry no information; sweeping them keeps memory bounded by the active keys.
const sweepEveryMs = 60_000;

export function createRateLimiter({
  requests,
  perSeconds,
  maxKeys = 50_000,
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

  /** Stores `bucket` as the most recently used; evicts the least recently used beyond `maxKeys`. */
  function keep(key: string, bucket: { tokens: number; at: number }): void {
    // A Map iterates in insertion order: delete and set moves the key to the end.
    buckets.delete(key);
    buckets.set(key, bucket);
    if (buckets.size > maxKeys) {
      const oldest = buckets.keys().next();
      if (!oldest.done) buckets.delete(oldest.value);
    }
  }

  return {
    take(key) {
      const time = now();
      if (time - sweptAt >= sweepEveryMs) sweep(time);
      const bucket = buckets.get(key);
      const tokens = bucket === undefined ? requests : refill(bucket, time);
      if (tokens < 1) {
        keep(key, { tokens, at: time });
        return {
          allowed: false,
          retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / tokensPerMs / 1000)),
        };
      }
      keep(key, { tokens: tokens - 1, at: time });
      return { allowed: true };
    },
    size: () => buckets.size,
  };
}
