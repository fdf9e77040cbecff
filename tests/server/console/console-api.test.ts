/**
 * The console's API over real HTTP and SQLite: the inbox and its badge, the
 * CSV, erasure as an erasure, stats per local day, and webhooks signed after
 * Standard Webhooks, retried from the database.
 */
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { makeLead, makeReceipt } from '../payloads';
import { site, useConsoleServer } from './start-console-server';

const start = useConsoleServer();
const owner = 'owner@acme.se';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A loopback webhook receiver that answers with the statuses given, in turn. */
async function receiver(statuses: number[]) {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(statuses.shift() ?? 200);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let closeReceiver: (() => Promise<void>) | null = null;
afterEach(async () => {
  await closeReceiver?.();
  closeReceiver = null;
});

describe('the leads inbox', () => {
  it('lists newest first, counts new ones, marks handled with a note, and erases as an erasure', async () => {
    const app = await start();
    await app.addUser(owner, [site]);
    const older = makeLead({ fields: { name: 'Anna Äldre' } });
    await app.collect('/v1/leads', older);
    app.clock.now += 60_000;
    const newer = makeLead({ fields: { name: '-Bo Nyare', email: 'bo@exempel.se' } });
    await app.collect('/v1/leads', newer);
    const cookie = await app.signIn(owner);

    const list = await (await app.call(`/v1/admin/sites/${site}/leads`, { cookie })).json();
    expect(list.leads.map((lead: { id: string }) => lead.id)).toEqual([newer.id, older.id]);
    expect(list.counts).toEqual({ open: 2, handled: 0, new: 2 });
    expect((await (await app.call('/v1/admin/me', { cookie })).json()).sites[0].newLeads).toBe(2);

    await app.call(`/v1/admin/sites/${site}/leads/${older.id}/seen`, {
      method: 'POST',
      body: {},
      cookie,
    });
    const handled = await app.call(`/v1/admin/sites/${site}/leads/${older.id}/handled`, {
      method: 'POST',
      body: { note: 'Ringde upp.' },
      cookie,
    });
    expect(await handled.json()).toMatchObject({
      status: 'handled',
      handledBy: owner,
      note: 'Ringde upp.',
    });
    const open = await (
      await app.call(`/v1/admin/sites/${site}/leads?status=open`, { cookie })
    ).json();
    expect(open.leads.map((lead: { id: string }) => lead.id)).toEqual([newer.id]);
    expect(open.counts).toEqual({ open: 1, handled: 1, new: 1 });

    const csv = await (await app.call(`/v1/admin/sites/${site}/leads.csv`, { cookie })).text();
    expect(csv).toContain(",'-Bo Nyare,");
    expect(csv).toContain('Ringde upp.');

    const erased = await app.call(`/v1/admin/sites/${site}/leads/${older.id}`, {
      method: 'DELETE',
      cookie,
    });
    expect(erased.status).toBe(204);
    expect((await app.call(`/v1/admin/sites/${site}/leads/${older.id}`, { cookie })).status).toBe(
      404,
    );
    expect((await app.server.storage.stats()).sites[site]).toMatchObject({ leads: 1, erasures: 1 });
    const rights = await (await app.call(`/v1/admin/sites/${site}/rights`, { cookie })).json();
    expect(rights.requests).toMatchObject([
      { kind: 'erasure', status: 'handled', erased: { leads: 1 } },
    ]);
  });
});

describe('stats', () => {
  it('counts decisions per local day and acceptance per policy version', async () => {
    const app = await start();
    await app.addUser(owner, [site]);
    // 23:30 UTC on 9 Feb is 00:30 on 10 Feb in Stockholm.
    app.clock.now = Date.parse('2026-02-09T23:30:00.000Z');
    await app.collect(
      '/v1/consent',
      makeReceipt({ method: 'accept', purposes: { analytics: true, marketing: true } }),
    );
    await app.collect(
      '/v1/consent',
      makeReceipt({
        method: 'reject',
        purposes: { analytics: false, marketing: false },
        policyVersion: '2026-02',
      }),
    );
    app.clock.now = Date.parse('2026-02-10T12:00:00.000Z');
    const cookie = await app.signIn(owner);
    const stockholm = await (
      await app.call(
        `/v1/admin/sites/${site}/stats?from=2026-02-09&to=2026-02-10&tz=Europe/Stockholm`,
        { cookie },
      )
    ).json();
    expect(stockholm.consent.byMethod.accept).toEqual([0, 1]);
    expect(stockholm.consent.byMethod.reject).toEqual([0, 1]);
    const utc = await (
      await app.call(`/v1/admin/sites/${site}/stats?from=2026-02-09&to=2026-02-10`, { cookie })
    ).json();
    expect(utc.consent.byMethod.accept).toEqual([1, 0]);
    expect(utc.consent.byPolicyVersion).toEqual([
      { policyVersion: '2026-01', decisions: 1, analytics: 1, marketing: 1, acceptedAll: 1 },
      { policyVersion: '2026-02', decisions: 1, analytics: 0, marketing: 0, acceptedAll: 0 },
    ]);
    expect(
      (await app.call(`/v1/admin/sites/${site}/stats?from=2026-02-10&to=2026-02-09`, { cookie }))
        .status,
    ).toBe(400);
    expect(
      (await app.call(`/v1/admin/sites/${site}/stats?from=2025-01-01&to=2026-02-09`, { cookie }))
        .status,
    ).toBe(400);
  });

  it('refuses a day the calendar does not have instead of rolling it over', async () => {
    const app = await start({ storeConversations: true });
    await app.addUser(owner, [site]);
    const cookie = await app.signIn(owner);
    for (const query of [
      'stats?from=2026-02-30&to=2026-03-01',
      'stats?from=2026-02-01&to=2026-02-29',
      'stats?from=2026-04-31&to=2026-05-01',
      'conversations?day=2026-02-30',
    ]) {
      const response = await app.call(`/v1/admin/sites/${site}/${query}`, { cookie });
      expect(response.status, query).toBe(400);
    }
    // 2028 is a leap year: 29 February exists.
    const leap = await app.call(`/v1/admin/sites/${site}/stats?from=2028-02-28&to=2028-03-01`, {
      cookie,
    });
    expect(leap.status).toBe(200);
    expect((await leap.json()).days).toEqual(['2028-02-28', '2028-02-29', '2028-03-01']);
  });
});

describe('webhooks', () => {
  it('signs each notice, retries a failure with the same id, and logs the deliveries', async () => {
    const hook = await receiver([500, 200]);
    closeReceiver = hook.close;
    const app = await start({ console: { webhooksAllowPrivateNetworks: true } });
    await app.addUser(owner, [site]);
    const cookie = await app.signIn(owner);
    const saved = await app.call(`/v1/admin/sites/${site}/webhook`, {
      method: 'PUT',
      cookie,
      body: { url: hook.url, format: 'json', events: ['lead.created'], enabled: true },
    });
    expect(saved.status).toBe(200);
    const { webhook } = await saved.json();
    expect(webhook.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32}$/);

    const lead = makeLead();
    await app.collect('/v1/leads', lead);
    await expect.poll(() => hook.received.length, { timeout: 10_000 }).toBe(1);
    app.clock.now += 6_000;
    await expect.poll(() => hook.received.length, { timeout: 10_000 }).toBe(2);

    const [first, second] = hook.received as [Received, Received];
    expect(second.headers['webhook-id']).toBe(first.headers['webhook-id']);
    for (const { headers, body } of hook.received) {
      const key = Buffer.from(webhook.secret.slice('whsec_'.length), 'base64');
      const expected = createHmac('sha256', key)
        .update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`)
        .digest('base64');
      expect(headers['webhook-signature']).toBe(`v1,${expected}`);
    }
    const notice = JSON.parse(second.body);
    expect(notice).toMatchObject({
      type: 'lead.created',
      data: { site, leadId: lead.id, fields: ['name', 'email', 'phone', 'orgnr'] },
    });
    // Ids and a link, never the contact details.
    expect(second.body).not.toContain('anna@example.se');
    expect(second.body).not.toContain('Anna');

    const log = await (
      await app.call(`/v1/admin/sites/${site}/webhook/deliveries`, { cookie })
    ).json();
    expect(log.deliveries).toMatchObject([
      { event: 'lead.created', status: 'delivered', attempts: 2, responseStatus: 200 },
    ]);
  });

  it('refuses a webhook over plain http', async () => {
    const app = await start();
    await app.addUser(owner, [site]);
    const cookie = await app.signIn(owner);
    const http = await app.call(`/v1/admin/sites/${site}/webhook`, {
      method: 'PUT',
      cookie,
      body: {
        url: 'http://example.com/hook',
        format: 'slack',
        events: ['lead.created'],
        enabled: true,
      },
    });
    expect(http.status).toBe(400);
  });
});
