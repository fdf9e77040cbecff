/**
 * Gets queued events to the collector, through the one sender: a batch every
 * 5 seconds or as soon as 20 are waiting, and whatever is left when the
 * visitor leaves, with `keepalive` so the request outlives the page.
 *
 * Each event stays queued until the collector stored it (2xx): delivery is
 * at least once, and the event ids let the collector drop duplicates.
 * 5xx, 408, 429 and network failures wait with backoff and jitter, never less
 * than `Retry-After`; any other 4xx means the collector will never take the
 * batch, so it is dropped with a warning instead of retried forever.
 */
import { backoffDelay } from '../net/backoff';
import type { SendOutcome, Transport } from '../net/create-sender';
import { type EventBatch, maxBatchEvents, type TelemetryEvent } from '../protocol/events';
import { writeJson } from '../protocol/write-json';
import type { EventQueue } from './create-event-queue';
import type { SendLease } from './create-send-lease';

/** A batch leaves at least this often while events wait. */
export const batchIntervalMs = 5_000;
/** A batch leaves at once when this many events wait. */
export const batchThreshold = 20;
/** Browsers allow 64 KiB of keepalive bodies in flight; stay under it. */
export const maxKeepaliveBytes = 60_000;

/** What every batch carries besides its events. */
export type BatchHeader = Pick<EventBatch, 'site' | 'visitorId' | 'consentId'>;

export interface Delivery {
  /** Tell delivery an event was queued. */
  queued(): void;
  /** Send what is due now; resolves when this round is done. */
  flush(): Promise<void>;
  /** The page is being hidden or left: send everything, with keepalive. */
  leave(): void;
  /** The browser is online again: retry at once. */
  online(): void;
  /** No more sending; timers cleared. */
  stop(): void;
}

export interface DeliveryOptions {
  queue: EventQueue;
  lease: SendLease;
  /** The batch header, or null when the current consent has no id to cite. */
  header(): BatchHeader | null;
  post(batch: EventBatch, transport: Transport): Promise<SendOutcome>;
  /** `fetch` with `keepalive` works here; otherwise leaving uses a beacon. */
  keepalive: boolean;
  warn(message: string): void;
  now?: () => number;
  random?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export function createDelivery(options: DeliveryOptions): Delivery {
  const {
    queue,
    lease,
    header,
    post,
    keepalive,
    warn,
    now = Date.now,
    random = Math.random,
    setTimer = (run, ms) => setTimeout(run, ms),
    clearTimer = (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  } = options;
  let timer: unknown = null;
  let stopped = false;
  let flushing: Promise<void> | null = null;
  let failures = 0;
  let retryAt = 0;
  // Events in a request that has not answered yet: never posted twice at once.
  const inFlight = new Set<string>();

  function schedule(ms: number): void {
    if (stopped) return;
    if (timer !== null) clearTimer(timer);
    timer = setTimer(() => {
      timer = null;
      void flush();
    }, ms);
  }

  function batchOf(events: TelemetryEvent[]): EventBatch | null {
    const head = header();
    return head === null ? null : { ...head, sentAt: new Date(now()).toISOString(), events };
  }

  /** Settles one request's outcome; true when the next batch may go. */
  async function settle(events: TelemetryEvent[], outcome: SendOutcome): Promise<boolean> {
    const ids = events.map((event) => event.id);
    for (const id of ids) inFlight.delete(id);
    if (outcome.status === 'sent') {
      failures = 0;
      await queue.remove(ids);
      return true;
    }
    if (outcome.status === 'rejected') {
      warn(
        `Samtal: the collector refused ${events.length} telemetry events (HTTP ${outcome.httpStatus}); they are dropped.`,
      );
      await queue.remove(ids);
      return true;
    }
    if (outcome.status === 'retry') {
      failures += 1;
      retryAt = now() + backoffDelay(failures, random(), outcome.retryAfterMs);
    }
    return false;
  }

  async function sendDue(): Promise<void> {
    if (now() < retryAt) {
      schedule(retryAt - now());
      return;
    }
    if (!(await lease.acquire())) {
      // Another tab sends; this one looks again later in case it went away.
      schedule(batchIntervalMs);
      return;
    }
    await queue.load();
    while (!stopped) {
      const events = queue.peek(maxBatchEvents, inFlight);
      const batch = events.length > 0 ? batchOf(events) : null;
      if (batch === null) return;
      for (const event of events) inFlight.add(event.id);
      const outcome = await post(batch, 'fetch');
      // The gate said no: consent is going away, and stop() follows.
      if (outcome.status === 'blocked') {
        for (const event of events) inFlight.delete(event.id);
        return;
      }
      if (!(await settle(events, outcome))) break;
    }
    if (!stopped && queue.size() > 0) schedule(Math.max(0, retryAt - now()));
  }

  function flush(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (flushing === null) {
      flushing = sendDue()
        .catch(() => undefined)
        .finally(() => {
          flushing = null;
          // Held for one round only, so a tab that is frozen or gone blocks no one for long.
          lease.release();
        });
    }
    return flushing;
  }

  /** Splits events into batches that stay under the keepalive limit. */
  function chunksOf(events: TelemetryEvent[]): EventBatch[] {
    const batches: EventBatch[] = [];
    const encoder = new TextEncoder();
    let current: TelemetryEvent[] = [];
    let size = 0;
    const envelope = batchOf([]);
    if (envelope === null) return [];
    const envelopeSize = encoder.encode(writeJson(envelope)).length;
    for (const event of events) {
      // +1 for the comma between events.
      const eventSize = encoder.encode(writeJson(event)).length + 1;
      if (
        current.length > 0 &&
        (envelopeSize + size + eventSize > maxKeepaliveBytes || current.length >= maxBatchEvents)
      ) {
        batches.push({ ...envelope, events: current });
        current = [];
        size = 0;
      }
      current.push(event);
      size += eventSize;
    }
    if (current.length > 0) batches.push({ ...envelope, events: current });
    return batches;
  }

  return {
    queued() {
      if (stopped) return;
      if (queue.size() >= batchThreshold) void flush();
      else if (timer === null) schedule(batchIntervalMs);
    },
    flush,
    leave() {
      if (stopped) return;
      const transport: Transport = keepalive ? 'keepalive' : 'beacon';
      for (const batch of chunksOf(queue.peek(Number.POSITIVE_INFINITY, inFlight))) {
        for (const event of batch.events) inFlight.add(event.id);
        // Started synchronously: the page may be gone after this task.
        void post(batch, transport).then(async (outcome) => {
          await settle(batch.events, outcome);
          // A hidden tab may queue nothing more, and the batch timer may have
          // come and gone while this request was out: retry from here.
          if (outcome.status === 'retry') schedule(Math.max(0, retryAt - now()));
        });
      }
    },
    online() {
      if (stopped) return;
      failures = 0;
      retryAt = 0;
      void flush();
    },
    stop() {
      stopped = true;
      if (timer !== null) clearTimer(timer);
      timer = null;
      inFlight.clear();
      lease.release();
    },
  };
}
