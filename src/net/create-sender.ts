/**
 * The one module that talks to the collector (contract §4). Everything that
 * leaves for `{collector}/…` goes through `post`, which first asks the gate.
 *
 * Requests carry no cookies (`credentials: 'omit'`) and no Referer
 * (`referrerPolicy: 'no-referrer'`): a Referer would leak the page's query
 * string and fragment, which telemetry promises never to send.
 *
 * Consent receipts, leads, erasure and rights requests are durable: `deliver` keeps
 * them in an outbox in storage until the collector stores them (2xx), retrying
 * with backoff, on the next page load if the tab closes.
 */
import type { CollectorEndpoint } from '../protocol/common';
import { writeJson } from '../protocol/write-json';
import { z } from '../protocol/zod-setup';
import type { KeyValueStore } from '../storage/create-key-value-store';
import { eachValid } from '../storage/each-valid';
import { backoffDelay, isRetryableStatus, parseRetryAfter } from './backoff';

/** What one attempt came to. */
export type SendOutcome =
  | { status: 'sent' }
  | { status: 'retry'; retryAfterMs: number | null }
  | { status: 'rejected'; httpStatus: number }
  | { status: 'blocked' };

/** How to send: a normal fetch, a fetch that outlives the page, or a beacon. */
export type Transport = 'fetch' | 'keepalive' | 'beacon';

/**
 * What became of a durable item on its first try: stored, waiting in the
 * outbox (offline, 5xx, 429, not allowed yet), or refused for good (4xx).
 */
export type DeliveryOutcome = 'sent' | 'queued' | 'refused';

/** A durable item the collector refused (4xx): it is not retried. */
export interface Refusal {
  endpoint: Exclude<CollectorEndpoint, 'events'>;
  id: string;
  httpStatus: number;
}

/** Decides, at the moment of sending, whether `endpoint` may receive anything. */
export type Gate = (endpoint: CollectorEndpoint) => boolean;

export interface Sender {
  /**
   * One attempt, now. With `timeoutMs`, a request not answered by then is
   * aborted and comes back as a retry; so is one still in flight when the
   * browser comes back online (`online`): it began before the network came
   * back (made offline, or sent as the network went: Chromium's offline
   * mode leaves such a request pending), and waiting for its timeout would
   * hold its events back.
   */
  post(
    endpoint: CollectorEndpoint,
    body: unknown,
    transport?: Transport,
    timeoutMs?: number,
  ): Promise<SendOutcome>;
  /** Keep `body` in the outbox until stored; resolves, when first tried, with what became of it. */
  deliver(
    endpoint: Exclude<CollectorEndpoint, 'events'>,
    id: string,
    body: unknown,
  ): Promise<DeliveryOutcome>;
  /** Try what earlier pages left in the outbox. */
  resume(): Promise<void>;
  /** Items not yet stored by the collector, for `data.export()`. */
  pending(): Promise<OutboxItem[]>;
  /** Remove outbox items whose body matches; used by erasure. */
  forget(match: (item: OutboxItem) => boolean): Promise<void>;
  dispose(): void;
}

const outboxItem = z.object({
  id: z.string(),
  endpoint: z.enum(['consent', 'leads', 'erasure', 'rights']),
  body: z.unknown(),
  attempts: z.number(),
  nextAt: z.number(),
});

/** A durable item waiting for the collector. */
export type OutboxItem = z.infer<typeof outboxItem>;

// Read item by item: one request that no longer fits is dropped alone, never
// every pending lead, receipt and erasure with it.
const outboxSchema = eachValid(outboxItem, Number.POSITIVE_INFINITY);
const outboxKey = 'outbox';

export interface SenderOptions {
  collector: string;
  gate: Gate;
  store: KeyValueStore;
  fetch?: typeof fetch;
  sendBeacon?: ((url: string, data: Blob) => boolean) | null;
  warn?: (message: string) => void;
  now?: () => number;
  random?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /**
   * Told when the collector refuses a durable item (4xx), which is then
   * dropped: a refused erasure or receipt must not vanish without a word.
   */
  onRefused?: (refusal: Refusal) => void;
  /** Told how many durable items wait after every outbox change. */
  onPending?: (count: number) => void;
  /** Subscribes to "the browser is online again"; returns the unsubscribe. */
  onOnline?: (listener: () => void) => () => void;
}

function defaultOnOnline(listener: () => void): () => void {
  if (typeof window === 'undefined') return () => {};
  window.addEventListener('online', listener);
  return () => window.removeEventListener('online', listener);
}

export function createSender(options: SenderOptions): Sender {
  const {
    collector,
    gate,
    store,
    fetch: fetchImpl = (...args: Parameters<typeof fetch>) => globalThis.fetch(...args),
    sendBeacon = typeof navigator !== 'undefined' && typeof navigator.sendBeacon === 'function'
      ? (url: string, data: Blob) => navigator.sendBeacon(url, data)
      : null,
    warn = (message: string) => console.warn(message),
    now = Date.now,
    random = Math.random,
    setTimer = (run, ms) => setTimeout(run, ms),
    clearTimer = (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    onOnline = defaultOnOnline,
    onPending = () => {},
    onRefused = () => {},
  } = options;

  let timer: unknown = null;
  let disposed = false;
  let flushing: Promise<void> | null = null;
  // Serialises outbox writes so two deliveries never overwrite each other.
  let outboxWrite: Promise<unknown> = Promise.resolve();
  // Ids refused since `deliver` last asked, so it can tell its caller.
  const refused = new Set<string>();
  // Requests with a timeout that have not been answered yet.
  const abortable = new Set<AbortController>();
  const stopOnline = onOnline(() => {
    for (const request of abortable) request.abort();
    void flushOutbox();
  });

  async function post(
    endpoint: CollectorEndpoint,
    body: unknown,
    transport: Transport = 'fetch',
    timeoutMs?: number,
  ): Promise<SendOutcome> {
    if (disposed || !gate(endpoint)) return { status: 'blocked' };
    const url = `${collector}/${endpoint}`;
    // Not JSON.stringify: a host page's toJSON methods or polyfill would change the body.
    const json = writeJson(body);
    if (transport === 'beacon') {
      if (sendBeacon === null) return { status: 'retry', retryAfterMs: null };
      // A beacon cannot report the answer; queued by the browser counts as sent.
      return sendBeacon(url, new Blob([json], { type: 'application/json' }))
        ? { status: 'sent' }
        : { status: 'retry', retryAfterMs: null };
    }
    let response: Response;
    const abort = timeoutMs === undefined ? null : new AbortController();
    const timeout = abort === null ? null : setTimer(() => abort.abort(), timeoutMs ?? 0);
    if (abort !== null) abortable.add(abort);
    try {
      response = await fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: json,
        credentials: 'omit',
        mode: 'cors',
        referrerPolicy: 'no-referrer',
        keepalive: transport === 'keepalive',
        ...(abort === null ? {} : { signal: abort.signal }),
      });
    } catch {
      return { status: 'retry', retryAfterMs: null };
    } finally {
      if (abort !== null) abortable.delete(abort);
      if (timeout !== null) clearTimer(timeout);
    }
    if (response.ok) return { status: 'sent' };
    if (isRetryableStatus(response.status)) {
      return {
        status: 'retry',
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), now()),
      };
    }
    return { status: 'rejected', httpStatus: response.status };
  }

  function updateOutbox(change: (items: OutboxItem[]) => OutboxItem[]): Promise<OutboxItem[]> {
    const next = outboxWrite.then(async () => {
      const items = change((await store.get(outboxKey, outboxSchema)) ?? []);
      if (items.length === 0) await store.delete(outboxKey);
      else await store.set(outboxKey, items);
      onPending(items.length);
      return items;
    });
    outboxWrite = next.catch(() => undefined);
    return next;
  }

  function schedule(items: OutboxItem[]): void {
    if (timer !== null) clearTimer(timer);
    timer = null;
    if (disposed || items.length === 0) return;
    const soonest = Math.min(...items.map((item) => item.nextAt));
    timer = setTimer(
      () => {
        timer = null;
        void flushOutbox();
      },
      Math.max(0, soonest - now()),
    );
  }

  async function flushOnce(): Promise<void> {
    const items = (await store.get(outboxKey, outboxSchema)) ?? [];
    const due = items.filter((item) => item.nextAt <= now());
    const results = new Map<string, SendOutcome>();
    for (const item of due) {
      results.set(item.id, await post(item.endpoint, item.body));
    }
    const remaining = await updateOutbox((current) =>
      current.flatMap((item) => {
        const outcome = results.get(item.id);
        if (outcome === undefined || outcome.status === 'blocked') return [item];
        if (outcome.status === 'sent') return [];
        if (outcome.status === 'rejected') {
          warn(
            `Samtal: the collector refused a ${item.endpoint} request (HTTP ${outcome.httpStatus}); it will not be retried.`,
          );
          refused.add(item.id);
          onRefused({ endpoint: item.endpoint, id: item.id, httpStatus: outcome.httpStatus });
          return [];
        }
        const attempts = item.attempts + 1;
        return [
          {
            ...item,
            attempts,
            nextAt: now() + backoffDelay(attempts, random(), outcome.retryAfterMs),
          },
        ];
      }),
    );
    schedule(remaining);
  }

  function flushOutbox(): Promise<void> {
    if (disposed) return Promise.resolve();
    if (flushing === null) {
      flushing = flushOnce().finally(() => {
        flushing = null;
      });
    }
    return flushing;
  }

  return {
    post,
    async deliver(endpoint, id, body) {
      await updateOutbox((items) => [
        ...items.filter((item) => item.id !== id),
        { id, endpoint, body, attempts: 0, nextAt: now() },
      ]);
      // A flush already running may have read the outbox before this item.
      await flushing;
      await flushOutbox();
      if (refused.delete(id)) return 'refused';
      await outboxWrite;
      const waiting = ((await store.get(outboxKey, outboxSchema)) ?? []).some(
        (item) => item.id === id,
      );
      return waiting ? 'queued' : 'sent';
    },
    resume: flushOutbox,
    async pending() {
      await outboxWrite;
      return (await store.get(outboxKey, outboxSchema)) ?? [];
    },
    async forget(match) {
      const remaining = await updateOutbox((items) => items.filter((item) => !match(item)));
      schedule(remaining);
    },
    dispose() {
      disposed = true;
      stopOnline();
      if (timer !== null) clearTimer(timer);
      timer = null;
    },
  };
}
