/**
 * Gets the shared queue to the collector, through the one sender. One tab
 * of the browser sends at a time (the send lease), reading the queue from
 * storage, so every event is posted once however many tabs are open.
 *
 * A round starts when this tab queued something, and sends once anything
 * is due: 20 events waiting, or the oldest waiting 5 seconds. Every tab
 * works out the same due time from the shared queue, so their events
 * leave together in full batches (100 events or 60 KB), not one small
 * batch per tab. A backlog from earlier pages is due at once.
 *
 * Before it posts a batch the sender claims its events in storage (see
 * `create-event-queue.ts`), so no other tab sends them while the request
 * runs: not a tab that takes the lease over, and not a page being left.
 * Requests use `keepalive` where the browser has it and the 64 KiB budget
 * allows, so a request outlives its page. When the page is hidden, what is
 * queued leaves at once; when it is left (`pagehide`), this tab's request
 * in flight and the events no tab has claimed go with keepalive (at most
 * 60 KB in all, within the browser's budget) and are removed from the queue
 * at once: the page will not hear the answer, and the next page must not
 * send them again. The rest waits in storage for another tab or the next
 * page; a claim whose request was cancelled with its page (no keepalive)
 * runs out, and the next sender sends those events: a tab that found only
 * claimed events waiting looks again after the batch interval, until they
 * are gone or their claim has run out.
 *
 * Each event stays queued until the collector stored it (2xx): delivery is
 * at least once, except that what leaves with an unloading page is not
 * retried, and the event ids let the collector drop duplicates. A request
 * unanswered after 30 s is aborted and retried, so it never outlives its
 * claim; so is one still in flight when the browser comes back online
 * (the sender aborts it: see `Sender.post`). 5xx, 408,
 * 429 and network failures wait with backoff and jitter, never less than
 * `Retry-After`; any other 4xx means the collector will never take the
 * batch, so it is dropped with a warning instead of retried forever. When
 * the browser is online again (`online`) what waits goes at once, with no
 * backoff, also when `online` comes while a round's request (made offline)
 * is still failing: another round follows that one at once.
 */
import { backoffDelay } from '../net/backoff';
import type { SendOutcome, Transport } from '../net/create-sender';
import type { EventBatch, TelemetryEvent } from '../protocol/events';
import type { EventQueue } from './create-event-queue';
import type { SendLease } from './create-send-lease';
import { jsonBytes, maxBatchBytes, takeBatch } from './take-batch';

/** The oldest queued event waits at most this long for a batch. */
export const batchIntervalMs = 5_000;
/** A batch leaves at once when this many events wait. */
export const batchThreshold = 20;
/**
 * Keepalive bodies in flight from this page, at most: browsers refuse a
 * keepalive request that would take all of them past 64 KiB.
 */
export const maxKeepaliveBytes = 60_000;
/**
 * When this tab has found the lease taken every time it had something due
 * for this long, the tab holding it is taken to be stuck (frozen
 * mid-round) and the lease is taken over. A tab that sends lets go after
 * each round, and the rounds leave nothing due behind them.
 */
export const stuckAfterMs = 30_000;
/**
 * A request not answered within this many ms is aborted and retried:
 * shorter than a claim (`claimMs`, 60 s), so no other tab sends its events
 * while it may still arrive.
 */
export const requestTimeoutMs = 30_000;

/** What every batch carries besides its events. */
export type BatchHeader = Pick<EventBatch, 'site' | 'visitorId' | 'consentId'>;

export interface Delivery {
  /** This tab queued an event. */
  queued(): void;
  /** Sends what is due now; resolves when this round is done. */
  flush(): Promise<void>;
  /** The page was hidden: send everything now, with keepalive. */
  hidden(): void;
  /**
   * The page is being left or frozen (`pagehide`, `freeze`): with `send`,
   * this tab's events go with keepalive, within the budget; then no lease
   * is held and nothing more starts until `resume`.
   */
  suspend(send: boolean): void;
  /** The page is back (`pageshow` from the back/forward cache, `resume`). */
  resume(): void;
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
  /** One attempt; `timeoutMs` aborts it (as a retry) when it has not been answered by then. */
  post(batch: EventBatch, transport: Transport, timeoutMs?: number): Promise<SendOutcome>;
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
  let suspended = false;
  let sending: Promise<void> | null = null;
  // The page was hidden while a round ran: send everything once it ends.
  let sendAllNext = false;
  // The browser came back online while a round ran (its request may just have
  // failed offline, and set a backoff): another round follows at once.
  let onlineAgain = false;
  let failures = 0;
  let retryAt = 0;
  let keepaliveBytes = 0;
  // When the lease was first found taken, in a run of refusals with something due.
  let refusedSince: number | null = null;
  // Events in a request that has not answered yet: never posted twice at once.
  const inFlight = new Set<string>();
  // This tab's request in flight from a round, under its claim.
  let current: { events: TelemetryEvent[]; transport: Transport; handedOver: boolean } | null =
    null;

  const idle = () => stopped || suspended;

  function schedule(ms: number): void {
    if (idle()) return;
    if (timer !== null) clearTimer(timer);
    timer = setTimer(() => {
      timer = null;
      void flush();
    }, ms);
  }

  function cancelTimer(): void {
    if (timer !== null) clearTimer(timer);
    timer = null;
  }

  /**
   * Milliseconds until a batch is due, 0 when it is, null when nothing waits.
   * What waits only under another tab's claim is looked at again after the
   * batch interval (its tab may be gone, and the claim run out), not left
   * for the next event; never later, so this tab's own next event still
   * leaves on time (`queued` does not move a pending timer).
   */
  function dueIn(): number | null {
    const waiting = queue.peek(batchThreshold, inFlight);
    const oldest = waiting[0];
    if (!oldest) return queue.size() ? batchIntervalMs : null;
    if (waiting.length >= batchThreshold) return 0;
    return Math.max(0, Date.parse(oldest.at) + batchIntervalMs - now());
  }

  /**
   * Settles one request's outcome; true when the next batch may go. A batch
   * handed over as the page was left is no longer queued: heard failing
   * (the page came back from the back/forward cache), it is queued again.
   */
  async function settle(
    events: TelemetryEvent[],
    outcome: SendOutcome,
    handedOver = false,
  ): Promise<boolean> {
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
    if (handedOver) {
      if (!stopped) for (const event of events) queue.add(event);
    } else await queue.release(ids);
    return false;
  }

  /**
   * Posts batches until the queue is empty or a request fails; under the
   * lease, each batch under this tab's claim. False when the gate refused:
   * consent is going away, and stop() follows, so nothing is scheduled.
   */
  async function sendAll(): Promise<boolean> {
    while (!idle()) {
      const head = header();
      if (head === null) return true;
      const envelope: EventBatch = { ...head, sentAt: new Date(now()).toISOString(), events: [] };
      const envelopeBytes = jsonBytes(envelope);
      const waiting = queue.peek(Number.POSITIVE_INFINITY, inFlight);
      const room = maxKeepaliveBytes - keepaliveBytes;
      // Keepalive while the budget allows, so the request outlives the page.
      const transport: Transport = keepalive && room >= maxBatchBytes / 4 ? 'keepalive' : 'fetch';
      const candidates = takeBatch(
        waiting,
        envelopeBytes,
        transport === 'keepalive' ? Math.min(maxBatchBytes, room) : maxBatchBytes,
      );
      if (candidates.length === 0) {
        // An event no batch can hold would block the queue for good.
        const [tooLarge] = waiting;
        if (tooLarge && transport === 'fetch') await queue.remove([tooLarge.id]);
        else return true;
        continue;
      }
      const events = await queue.claim(candidates);
      // None left to claim: another tab sent them, or holds them.
      if (events.length === 0) return true;
      if (idle()) {
        // Left (or frozen) while claiming: what is unsent stays queued for the next sender.
        await queue.release(candidates.map((event) => event.id));
        return true;
      }
      const batch = { ...envelope, events };
      const bytes = transport === 'keepalive' ? jsonBytes(batch) : 0;
      for (const event of events) inFlight.add(event.id);
      const request = { events, transport, handedOver: false };
      current = request;
      keepaliveBytes += bytes;
      const outcome = await post(batch, transport, requestTimeoutMs);
      keepaliveBytes -= bytes;
      current = null;
      if (outcome.status === 'blocked') {
        for (const event of events) inFlight.delete(event.id);
        await queue.release(events.map((event) => event.id));
        return false;
      }
      if (!(await settle(events, outcome, request.handedOver))) return true;
    }
    return true;
  }

  async function round(all: boolean): Promise<void> {
    if (now() < retryAt) {
      schedule(retryAt - now());
      return;
    }
    // Lock-free look at the shared queue: is anything due?
    await queue.load();
    const wait = dueIn();
    if (wait === null || idle()) {
      refusedSince = null;
      return;
    }
    if (wait > 0 && !all) {
      schedule(wait);
      return;
    }
    const stuck = refusedSince !== null && now() - refusedSince >= stuckAfterMs;
    if (!(await lease.acquire(stuck))) {
      // Another tab is sending; look again later in case it went away.
      refusedSince ??= now();
      schedule(batchIntervalMs);
      return;
    }
    refusedSince = null;
    let allowed: boolean;
    try {
      // Read again under the lease: the tab that sent last may have taken these.
      await queue.load();
      allowed = await sendAll();
    } finally {
      // Held for one round only, so a tab that is frozen or gone blocks no one for long.
      lease.release();
    }
    const next = allowed ? dueIn() : null;
    if (next !== null) schedule(Math.max(next, retryAt - now()));
  }

  function run(all: boolean): Promise<void> {
    if (idle()) return Promise.resolve();
    if (sending !== null) {
      sendAllNext ||= all;
      return sending;
    }
    sending = round(all)
      .catch(() => undefined)
      .finally(() => {
        sending = null;
        if (onlineAgain) failures = retryAt = 0;
        if (sendAllNext || onlineAgain) {
          const all = sendAllNext;
          sendAllNext = onlineAgain = false;
          void run(all);
        }
      });
    return sending;
  }

  function flush(): Promise<void> {
    return run(false);
  }

  /**
   * Hands this tab's events to keepalive requests as the page goes;
   * synchronous, from what this tab knows in memory. Its own request in
   * flight goes with them when it is a keepalive request (it outlives the
   * page); events another tab has claimed stay queued.
   */
  function sendWhileLeaving(): void {
    const handedOver: string[] = [];
    if (current?.transport === 'keepalive') {
      current.handedOver = true;
      for (const event of current.events) handedOver.push(event.id);
    }
    const head = header();
    if (head !== null) {
      const envelope: EventBatch = { ...head, sentAt: new Date(now()).toISOString(), events: [] };
      const envelopeBytes = jsonBytes(envelope);
      const transport: Transport = keepalive ? 'keepalive' : 'beacon';
      let waiting = queue.peek(Number.POSITIVE_INFINITY, inFlight);
      for (;;) {
        const events = takeBatch(
          waiting,
          envelopeBytes,
          Math.min(maxBatchBytes, maxKeepaliveBytes - keepaliveBytes),
        );
        if (events.length === 0) break;
        waiting = waiting.slice(events.length);
        const batch = { ...envelope, events };
        const bytes = jsonBytes(batch);
        keepaliveBytes += bytes;
        for (const event of events) {
          inFlight.add(event.id);
          handedOver.push(event.id);
        }
        // Started now: the page may be gone after this task.
        void post(batch, transport).then((outcome) => {
          keepaliveBytes -= bytes;
          for (const event of events) inFlight.delete(event.id);
          // Heard only if the page came back (the back/forward cache): then a failure is retried.
          if (outcome.status === 'retry' && !stopped) for (const event of events) queue.add(event);
          if (outcome.status === 'rejected') void settle(events, outcome);
        });
      }
    }
    // Gone from the queue now, in every tab: the answer will not be heard.
    void queue.remove(handedOver);
  }

  return {
    queued() {
      if (idle()) return;
      if (queue.size() >= batchThreshold) void flush();
      else if (timer === null) schedule(batchIntervalMs);
    },
    flush,
    hidden() {
      void run(true);
    },
    suspend(send) {
      if (idle()) return;
      if (send) sendWhileLeaving();
      suspended = true;
      cancelTimer();
      lease.release();
    },
    resume() {
      if (stopped || !suspended) return;
      suspended = false;
      void flush();
    },
    online() {
      if (idle()) return;
      failures = 0;
      retryAt = 0;
      if (sending !== null) onlineAgain = true;
      void flush();
    },
    stop() {
      stopped = true;
      cancelTimer();
      inFlight.clear();
      lease.release();
    },
  };
}
