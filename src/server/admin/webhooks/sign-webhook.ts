/**
 * Webhook signatures after the Standard Webhooks specification
 * (standardwebhooks.com): HMAC-SHA256 over `{id}.{timestamp}.{body}` with
 * the secret's bytes, sent as `webhook-signature: v1,<base64>` next to
 * `webhook-id` and `webhook-timestamp` (Unix seconds). A receiver refuses a
 * timestamp more than five minutes off, so a captured request cannot be
 * replayed later, and a repeated `webhook-id` is the same notice again.
 */
import { createHmac, randomBytes } from 'node:crypto';

const prefix = 'whsec_';

/** A new secret: `whsec_` and 24 random bytes in base64. */
export function newWebhookSecret(): string {
  return `${prefix}${randomBytes(24).toString('base64')}`;
}

/** The headers that sign `body` for notice `id` at `timestampSeconds`. */
export function signWebhook(
  secret: string,
  id: string,
  timestampSeconds: number,
  body: string,
): Record<string, string> {
  const key = Buffer.from(
    secret.startsWith(prefix) ? secret.slice(prefix.length) : secret,
    'base64',
  );
  const signature = createHmac('sha256', key)
    .update(`${id}.${timestampSeconds}.${body}`)
    .digest('base64');
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': `v1,${signature}`,
  };
}
