/**
 * Limits failed sign-ins per client address and per account (OWASP
 * Authentication Cheat Sheet: protect against automated attacks). Failures
 * are counted in a sliding 15-minute window; an account that does not exist
 * is limited exactly like one that does, so the limit reveals nothing. An
 * attempt counts as a failure from the moment it is admitted, before its
 * password is checked, so guesses sent all at once cannot all slip in while
 * the first hashes are still running; a correct password takes its own
 * attempt back. Kept
 * in memory with a bounded number of keys: several server processes each
 * count on their own, so put the proxy's limit in front as well.
 */

/** Allowed (and counted, as of `at`), or refused for `retryAfterSeconds`. */
export type SignInDecision =
  | { allowed: true; at: number }
  | { allowed: false; retryAfterSeconds: number };

export interface SignInLimiter {
  /**
   * Admits one sign-in attempt or refuses it. An admitted attempt counts as
   * a failure against both the address and the account until `succeed`.
   */
  attempt(address: string, account: string): SignInDecision;
  /** A correct password: clears the account's failures and takes back the attempt made `at`. */
  succeed(address: string, account: string, at: number): void;
}

export interface SignInLimiterOptions {
  perAddress: number;
  perAccount: number;
  windowMs?: number;
  /** Most keys kept per kind; the oldest are forgotten first. */
  maxKeys?: number;
  now?: () => number;
}

export function createSignInLimiter({
  perAddress,
  perAccount,
  windowMs = 15 * 60_000,
  maxKeys = 50_000,
  now = Date.now,
}: SignInLimiterOptions): SignInLimiter {
  const addresses = new Map<string, number[]>();
  const accounts = new Map<string, number[]>();

  function recent(map: Map<string, number[]>, key: string, time: number): number[] {
    const kept = (map.get(key) ?? []).filter((at) => at > time - windowMs);
    if (kept.length === 0) map.delete(key);
    else map.set(key, kept);
    return kept;
  }

  function record(map: Map<string, number[]>, key: string, time: number, limit: number): void {
    const kept = recent(map, key, time);
    // Re-inserted at the end: Map order is then least recently failed first.
    map.delete(key);
    map.set(key, [...kept, time].slice(-limit));
    while (map.size > maxKeys) {
      const oldest = map.keys().next().value;
      if (oldest === undefined) break;
      map.delete(oldest);
    }
  }

  function wait(failures: readonly number[], limit: number, time: number): number {
    if (failures.length < limit) return 0;
    const oldest = failures[failures.length - limit] ?? time;
    return Math.max(1, Math.ceil((oldest + windowMs - time) / 1000));
  }

  return {
    attempt(address, account) {
      const time = now();
      const seconds = Math.max(
        wait(recent(addresses, address, time), perAddress, time),
        wait(recent(accounts, account, time), perAccount, time),
      );
      if (seconds > 0) return { allowed: false, retryAfterSeconds: seconds };
      record(addresses, address, time, perAddress);
      record(accounts, account, time, perAccount);
      return { allowed: true, at: time };
    },
    succeed(address, account, at) {
      accounts.delete(account);
      const failures = addresses.get(address);
      const index = failures?.lastIndexOf(at) ?? -1;
      if (failures === undefined || index < 0) return;
      failures.splice(index, 1);
      if (failures.length === 0) addresses.delete(address);
    },
  };
}
