/**
 * Webhook settings per site and the delivery queue. The queue is a table, so
 * a notice waiting for its next attempt survives a restart; a sender leases a
 * row before sending, so two server processes never send the same attempt.
 */
import { sql } from 'kysely';
import type {
  Webhook,
  WebhookDelivery,
  WebhookEvent,
  WebhookSettings,
} from '../../../protocol/admin';
import type { ConsoleDatabase } from './console-database';
import type { WebhookDeliveriesTable, WebhooksTable } from './console-tables';

/** A delivery a sender holds, with what it needs to send it. */
export interface ClaimedDelivery {
  id: string;
  site: string;
  event: WebhookEvent;
  body: string;
  attempts: number;
  createdAt: number;
  webhook: { url: string; format: Webhook['format']; secret: string } | null;
}

/** What one attempt came to. */
export type AttemptOutcome =
  | { status: 'delivered'; responseStatus: number }
  | {
      status: 'pending';
      nextAttemptAt: number;
      responseStatus: number | null;
      error: string | null;
    }
  | { status: 'failed'; responseStatus: number | null; error: string | null };

export interface WebhooksStore {
  get(site: string): Promise<(Webhook & { consoleOrigin: string }) | null>;
  save(
    site: string,
    settings: WebhookSettings,
    consoleOrigin: string,
    newSecret: () => string,
    now: number,
  ): Promise<Webhook>;
  remove(site: string): Promise<boolean>;
  rotateSecret(site: string, secret: string, now: number): Promise<Webhook | null>;
  /** Queues a notice if the site has an enabled webhook for `event`; returns its id, or null. */
  enqueue(
    site: string,
    event: WebhookEvent,
    body: (consoleOrigin: string, format: Webhook['format']) => string,
    id: string,
    now: number,
  ): Promise<string | null>;
  /** Takes up to `limit` due deliveries, each leased until `now + leaseMs`. */
  claimDue(now: number, leaseMs: number, limit: number): Promise<ClaimedDelivery[]>;
  finish(id: string, attempts: number, outcome: AttemptOutcome, now: number): Promise<void>;
  /** The latest deliveries of a site, newest first. */
  list(site: string, limit: number): Promise<WebhookDelivery[]>;
  /** Deletes finished deliveries created before `before`. */
  prune(before: number): Promise<number>;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

function toWebhook(row: WebhooksTable): Webhook & { consoleOrigin: string } {
  return {
    url: row.url,
    format: row.format as Webhook['format'],
    events: row.events.split(',').filter(Boolean) as Webhook['events'],
    enabled: Number(row.enabled) === 1,
    secret: row.secret,
    createdAt: new Date(Number(row.created_at)).toISOString(),
    updatedAt: new Date(Number(row.updated_at)).toISOString(),
    consoleOrigin: row.console_origin,
  };
}

function toDelivery(row: WebhookDeliveriesTable): WebhookDelivery {
  return {
    id: row.id,
    event: row.event as WebhookEvent,
    status: row.status as WebhookDelivery['status'],
    attempts: Number(row.attempts),
    createdAt: new Date(Number(row.created_at)).toISOString(),
    lastAttemptAt: iso(row.last_attempt_at),
    nextAttemptAt: row.status === 'pending' ? iso(row.next_attempt_at) : null,
    responseStatus: row.response_status === null ? null : Number(row.response_status),
    error: row.error,
  };
}

export function createWebhooksStore({ db }: ConsoleDatabase): WebhooksStore {
  const strip = (webhook: Webhook & { consoleOrigin: string }): Webhook => {
    const { consoleOrigin: _origin, ...rest } = webhook;
    return rest;
  };

  const store: WebhooksStore = {
    async get(site) {
      const row = await db
        .selectFrom('webhooks')
        .selectAll()
        .where('site', '=', site)
        .executeTakeFirst();
      return row ? toWebhook(row) : null;
    },

    async save(site, settings, consoleOrigin, newSecret, now) {
      const values = {
        url: settings.url,
        format: settings.format,
        events: settings.events.join(','),
        enabled: settings.enabled ? 1 : 0,
        console_origin: consoleOrigin,
        updated_at: now,
      };
      await db.transaction().execute(async (trx) => {
        const existing = await trx
          .selectFrom('webhooks')
          .select('site')
          .where('site', '=', site)
          .executeTakeFirst();
        if (existing)
          await trx.updateTable('webhooks').set(values).where('site', '=', site).execute();
        else
          await trx
            .insertInto('webhooks')
            .values({ site, ...values, secret: newSecret(), created_at: now })
            .execute();
      });
      const saved = await store.get(site);
      if (saved === null) throw new Error('the webhook vanished while it was saved');
      return strip(saved);
    },

    async remove(site) {
      const result = await db.deleteFrom('webhooks').where('site', '=', site).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async rotateSecret(site, secret, now) {
      await db
        .updateTable('webhooks')
        .set({ secret, updated_at: now })
        .where('site', '=', site)
        .execute();
      const webhook = await store.get(site);
      return webhook && strip(webhook);
    },

    async enqueue(site, event, body, id, now) {
      const webhook = await store.get(site);
      if (webhook === null) return null;
      if (event !== 'webhook.test' && (!webhook.enabled || !webhook.events.includes(event)))
        return null;
      await db
        .insertInto('webhook_deliveries')
        .values({
          id,
          site,
          event,
          body: body(webhook.consoleOrigin, webhook.format),
          status: 'pending',
          attempts: 0,
          created_at: now,
          next_attempt_at: now,
          lease_until: null,
          last_attempt_at: null,
          response_status: null,
          error: null,
        })
        .execute();
      return id;
    },

    async claimDue(now, leaseMs, limit) {
      const due = await db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
        .orderBy('next_attempt_at')
        .limit(limit)
        .execute();
      const claimed: ClaimedDelivery[] = [];
      for (const row of due) {
        // The lease is taken with a conditional update: if another process got there first, it changed nothing.
        const result = await db
          .updateTable('webhook_deliveries')
          .set({ lease_until: now + leaseMs })
          .where('id', '=', row.id)
          .where('status', '=', 'pending')
          .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) continue;
        const webhook = await store.get(row.site);
        claimed.push({
          id: row.id,
          site: row.site,
          event: row.event as WebhookEvent,
          body: row.body,
          attempts: Number(row.attempts),
          createdAt: Number(row.created_at),
          webhook: webhook && { url: webhook.url, format: webhook.format, secret: webhook.secret },
        });
      }
      return claimed;
    },

    async finish(id, attempts, outcome, now) {
      await db
        .updateTable('webhook_deliveries')
        .set({
          status: outcome.status,
          attempts,
          last_attempt_at: now,
          lease_until: null,
          next_attempt_at: outcome.status === 'pending' ? outcome.nextAttemptAt : null,
          response_status: outcome.responseStatus,
          error: outcome.status === 'delivered' ? null : outcome.error,
        })
        .where('id', '=', id)
        .execute();
    },

    async list(site, limit) {
      const rows = await db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('site', '=', site)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toDelivery);
    },

    async prune(before) {
      const result = await db
        .deleteFrom('webhook_deliveries')
        .where('created_at', '<', before)
        .where(sql<boolean>`status <> 'pending'`)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
  return store;
}
