/**
 * A site's webhook (`GET|PUT|DELETE /v1/admin/sites/{site}/webhook`) and its
 * delivery log (`GET …/webhook/deliveries`). Bodies are signed after the
 * Standard Webhooks specification (HMAC-SHA256 over id, timestamp and body).
 */
import { timestamp } from '../common';
import { z } from '../zod-setup';

/** What a webhook can be told about. */
export const webhookEvent = z.enum(['lead.created', 'rights-request.created', 'webhook.test']);

/**
 * `json`: Samtal's own body, for your code. `slack` and `teams`: a short
 * message in the body those services' incoming webhooks expect.
 */
export const webhookFormat = z.enum(['json', 'slack', 'teams']);

/** An http(s) URL; the server refuses private addresses unless configured otherwise. */
export const webhookUrl = z
  .string()
  .check(z.maxLength(2000), z.regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) URL'));

/** `PUT …/webhook`: what to call, in which form, for which events. */
export const webhookSettings = z.strictObject({
  url: webhookUrl,
  format: webhookFormat,
  events: z
    .array(z.enum(['lead.created', 'rights-request.created']))
    .check(z.minLength(1), z.maxLength(2)),
  enabled: z.boolean(),
});

export const webhook = z.strictObject({
  ...webhookSettings.shape,
  /** The signing secret, `whsec_` + base64; shown so the receiver can be set up. */
  secret: z.string().check(z.maxLength(200)),
  createdAt: timestamp,
  updatedAt: timestamp,
});

/** `GET …/webhook`: null when the site has none. */
export const webhookState = z.strictObject({ webhook: z.nullable(webhook) });

export const deliveryStatus = z.enum(['pending', 'delivered', 'failed']);

export const webhookDelivery = z.strictObject({
  id: z.string().check(z.maxLength(100)),
  event: webhookEvent,
  status: deliveryStatus,
  attempts: z.int().check(z.nonnegative()),
  createdAt: timestamp,
  lastAttemptAt: z.nullable(timestamp),
  nextAttemptAt: z.nullable(timestamp),
  /** The receiver's HTTP status at the last attempt, if it answered. */
  responseStatus: z.nullable(z.int()),
  /** Why the last attempt failed, in a few words. */
  error: z.nullable(z.string().check(z.maxLength(500))),
});

export const webhookDeliveryList = z.strictObject({ deliveries: z.array(webhookDelivery) });

export type WebhookEvent = z.infer<typeof webhookEvent>;
export type WebhookFormat = z.infer<typeof webhookFormat>;
export type WebhookSettings = z.infer<typeof webhookSettings>;
export type Webhook = z.infer<typeof webhook>;
export type WebhookState = z.infer<typeof webhookState>;
export type WebhookDelivery = z.infer<typeof webhookDelivery>;
export type WebhookDeliveryList = z.infer<typeof webhookDeliveryList>;
