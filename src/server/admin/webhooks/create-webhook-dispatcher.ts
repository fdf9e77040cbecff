/**
 * Sends queued notices: at start (whatever a restart left due), when one is
 * queued, and every few seconds for retries. A failed attempt is tried again
 * after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h (the Standard Webhooks
 * schedule, about a day in all); after the eighth it is marked failed.
 */
import { randomUUID } from 'node:crypto';
import type { WebhookEvent } from '../../../protocol/admin';
import type { AttemptOutcome, WebhooksStore } from '../storage/create-webhooks-store';
import type { SendResult } from './send-webhook';
import { signWebhook } from './sign-webhook';
import { type Notice, noticeEvent, webhookBody } from './webhook-body';

/** Milliseconds to wait after attempt n (1-based) failed; no entry means give up. */
export const retryDelaysMs = [
  5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
];

export interface WebhookDispatcher {
  /** Queues a notice for the site's webhook, if it has one for this event, and sends it soon. */
  notify(notice: Notice): Promise<string | null>;
  /** Sends what is due now; resolves when those attempts finished. */
  runDue(): Promise<number>;
  stop(): Promise<void>;
}

export interface WebhookDispatcherOptions {
  store: WebhooksStore;
  send: (url: string, headers: Record<string, string>, body: string) => Promise<SendResult>;
  now?: () => number;
  /** How often to look for due retries. */
  pollMs?: number;
  logError?: (error: unknown) => void;
}

export function createWebhookDispatcher({
  store,
  send,
  now = Date.now,
  pollMs = 2000,
  logError = () => {},
}: WebhookDispatcherOptions): WebhookDispatcher {
  let running: Promise<number> | null = null;
  let again = false;
  let stopped = false;

  async function attempt(): Promise<number> {
    const due = await store.claimDue(now(), 60_000, 20);
    await Promise.all(
      due.map(async (delivery) => {
        const attempts = delivery.attempts + 1;
        let outcome: AttemptOutcome;
        if (delivery.webhook === null) {
          outcome = { status: 'failed', responseStatus: null, error: 'the webhook was removed' };
        } else {
          const timestamp = Math.floor(now() / 1000);
          const result = await send(
            delivery.webhook.url,
            signWebhook(delivery.webhook.secret, delivery.id, timestamp, delivery.body),
            delivery.body,
          );
          const delay = retryDelaysMs[attempts - 1];
          const responseStatus = result.status;
          const error =
            'error' in result ? result.error : result.ok ? null : `HTTP ${result.status}`;
          outcome = result.ok
            ? { status: 'delivered', responseStatus: result.status }
            : delay === undefined
              ? { status: 'failed', responseStatus, error }
              : { status: 'pending', nextAttemptAt: now() + delay, responseStatus, error };
        }
        await store.finish(delivery.id, attempts, outcome, now());
      }),
    );
    return due.length;
  }

  function runDue(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let sent = 0;
      do {
        again = false;
        try {
          sent += await attempt();
        } catch (error) {
          logError(error);
        }
      } while (again && !stopped);
      running = null;
      return sent;
    })();
    return running;
  }

  const timer = setInterval(() => void runDue(), pollMs);
  timer.unref();
  void runDue();

  return {
    async notify(notice) {
      const at = now();
      const id = await store.enqueue(
        notice.site,
        noticeEvent(notice) satisfies WebhookEvent,
        (consoleOrigin, format) => webhookBody(notice, format, consoleOrigin, new Date(at)),
        `msg_${randomUUID()}`,
        at,
      );
      if (id !== null) void runDue();
      return id;
    },
    runDue,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
