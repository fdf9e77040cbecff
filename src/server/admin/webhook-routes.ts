/** `/v1/admin/sites/{site}/webhook…`: settings, secret, a test notice, the delivery log. */
import type { Context, Hono } from 'hono';
import { webhookSettings } from '../../protocol/admin';
import { type AdminEnv, type AdminServices, issuesOf, problem } from './admin-context';
import { newWebhookSecret } from './webhooks/sign-webhook';

export interface WebhookRouteOptions {
  /** The console's origin as the browser sees it, for the links in notices. */
  originOf: (c: Context) => string;
}

export function webhookRoutes(
  api: Hono<AdminEnv>,
  services: AdminServices,
  { originOf }: WebhookRouteOptions,
): void {
  const { webhooks, dispatcher, now } = services;

  const strip = <T extends { consoleOrigin?: string }>(webhook: T | null) => {
    if (webhook === null) return null;
    const { consoleOrigin: _origin, ...rest } = webhook;
    return rest;
  };

  api.get('/sites/:site/webhook', async (c) =>
    c.json({ webhook: strip(await webhooks.get(c.req.param('site'))) }),
  );

  api.put('/sites/:site/webhook', async (c) => {
    const parsed = webhookSettings.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success)
      return problem(
        c,
        400,
        'invalid-body',
        'The body does not match the API.',
        issuesOf(parsed.error),
      );
    let url: URL;
    try {
      url = new URL(parsed.data.url);
    } catch {
      return problem(c, 400, 'invalid-body', 'url is not a URL.', [
        { path: 'url', message: 'must be an http(s) URL' },
      ]);
    }
    const local =
      url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
    if (
      url.protocol !== 'https:' &&
      !(local && services.config.console.webhooksAllowPrivateNetworks)
    ) {
      return problem(c, 400, 'invalid-body', 'The webhook must use https.', [
        { path: 'url', message: 'must start with https://' },
      ]);
    }
    const saved = await webhooks.save(
      c.req.param('site'),
      { ...parsed.data, url: url.href },
      originOf(c),
      newWebhookSecret,
      now(),
    );
    return c.json({ webhook: saved });
  });

  api.delete('/sites/:site/webhook', async (c) =>
    (await webhooks.remove(c.req.param('site')))
      ? c.body(null, 204)
      : problem(c, 404, 'not-found', 'This site has no webhook.'),
  );

  api.post('/sites/:site/webhook/secret', async (c) => {
    const webhook = await webhooks.rotateSecret(c.req.param('site'), newWebhookSecret(), now());
    return webhook
      ? c.json({ webhook })
      : problem(c, 404, 'not-found', 'This site has no webhook.');
  });

  api.post('/sites/:site/webhook/test', async (c) => {
    const id = await dispatcher.notify({ type: 'webhook.test', site: c.req.param('site') });
    return id ? c.body(null, 204) : problem(c, 404, 'not-found', 'This site has no webhook.');
  });

  api.get('/sites/:site/webhook/deliveries', async (c) =>
    c.json({ deliveries: await webhooks.list(c.req.param('site'), 50) }),
  );
}
