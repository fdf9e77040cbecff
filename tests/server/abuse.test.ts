import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../src/server/create-rate-limiter';
import { makeBatch, makeEvents, makeLead, makeReceipt, site, siteOrigin } from './payloads';
import { useTestServer } from './start-test-server';
import { storeKind } from './test-database';

const start = useTestServer();

describe('the rate limiter', () => {
  it('limits a flood of made-up sites from one client instead of keeping a bucket per site', async () => {
    const { post } = await start({ rateLimit: { requests: 3, perSeconds: 60 } });
    const statuses: number[] = [];
    for (let index = 0; index < 5; index += 1) {
      const madeUp = `${index}-${'x'.repeat(20_000)}`;
      statuses.push((await post('/v1/events', makeBatch({ site: madeUp }, 1))).status);
    }
    expect(statuses).toEqual([403, 403, 403, 429, 429]);
    // A real site from the same client still has its own budget.
    expect((await post('/v1/events', makeBatch({}, 1))).status).toBe(200);
  });

  it('holds at most maxKeys buckets, dropping the least recently used', () => {
    const limiter = createRateLimiter({ requests: 1, perSeconds: 60, maxKeys: 100 });
    limiter.take('kept');
    for (let index = 0; index < 10_000; index += 1) {
      limiter.take(`client-${index}`);
      if (index % 50 === 0) limiter.take('kept');
    }
    expect(limiter.size()).toBe(100);
    expect(limiter.take('kept')).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });
});

describe('input the contract bounds', () => {
  it('stores one UUID once, whatever case it was sent in, in lower case', async () => {
    const { post, server } = await start();
    const receipt = makeReceipt();
    const upper = { ...receipt, id: receipt.id.toUpperCase() };
    expect(await (await post('/v1/consent', upper)).json()).toEqual({ stored: 1, duplicates: 0 });
    expect(await (await post('/v1/consent', receipt)).json()).toEqual({
      stored: 0,
      duplicates: 1,
    });
    const held = await server.storage.exportData({ consentIds: [receipt.id] });
    expect(held.receipts.map((row) => row.id)).toEqual([receipt.id]);
  });

  it('refuses a 60 KB referrer and stores nothing of the batch', async () => {
    const { post, server } = await start();
    const batch = makeBatch({}, 1);
    const [view] = makeEvents(1);
    const response = await post('/v1/events', {
      ...batch,
      events: [{ ...view, referrer: `https://${'a'.repeat(60_000)}.se` }],
    });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.issues.map((issue: { path: string }) => issue.path)).toContain('events.0.referrer');
    expect((await server.storage.exportData({ visitorId: batch.visitorId })).events).toEqual([]);
  });

  it.each([
    ['an email address in a link target', { target: '/konto/anna@example.se' }],
    ['a query string in an outbound target', { target: 'https://partner.se/?vem=anna' }],
  ])('refuses an event with %s, and stores nothing of the batch', async (_, change) => {
    const { post, server } = await start();
    const batch = makeBatch({}, 2);
    const [, click] = makeEvents(2);
    const response = await post('/v1/events', {
      ...batch,
      events: [batch.events[0], { ...click, ...change }],
    });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.issues.map((issue: { path: string }) => issue.path)).toContain('events.1.target');
    expect((await server.storage.exportData({ visitorId: batch.visitorId })).events).toEqual([]);
  });

  it.each([
    'email',
    'E-Mail',
    'e_mail',
    'mail',
    'epost',
    'e-post',
    'E_Post',
    'tel',
    'user-tel',
    'telefon',
    'phone',
    'mobil',
    'Mobile',
    'pnr',
    'personnummer',
    'Person-Nummer',
    'ssn',
  ])('refuses the kept parameter name %s, and stores nothing of the batch', async (name) => {
    const { post, server } = await start();
    const batch = makeBatch({}, 2);
    const [view] = makeEvents(1);
    const response = await post('/v1/events', {
      ...batch,
      events: [batch.events[1], { ...view, params: { utm_source: 'news', [name]: 'x' } }],
    });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.issues.map((issue: { path: string }) => issue.path)).toEqual([
      `events.1.params.${name}`,
    ]);
    expect((await server.storage.exportData({ visitorId: batch.visitorId })).events).toEqual([]);
  });

  it.each([
    ['a personnummer', '811218-9876'],
    ['a 12-digit personnummer', '198112189876'],
    ['a personnummer of someone over 100', '811218+9876'],
    ['a samordningsnummer', '811278-9873'],
    ['an email address', 'anna@example.se'],
    ['a double-escaped email address', 'anna%2540example.se'],
    ['a Swedish mobile number', '070-123 45 67'],
    ['an international phone number', '+46701234567'],
    ['a card number', '4111 1111 1111 1111'],
    ['an IBAN', 'SE45 5000 0000 0583 9825 7466'],
  ])('refuses %s as a kept parameter value, and stores nothing', async (_, value) => {
    const { post, server } = await start();
    const batch = makeBatch({}, 1);
    const [view] = makeEvents(1);
    const response = await post('/v1/events', {
      ...batch,
      events: [{ ...view, params: { utm_source: value } }],
    });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.issues.map((issue: { path: string }) => issue.path)).toContain(
      'events.0.params.utm_source',
    );
    expect((await server.storage.exportData({ visitorId: batch.visitorId })).events).toEqual([]);
  });

  it.each([
    '/users/anna%2540example.se',
    '/users/anna%252540example.se',
    '/kund/811218-9876',
    '/betala/4111%201111%201111%201111',
  ])('refuses the path %s, and stores nothing', async (path) => {
    const { post, server } = await start();
    const batch = makeBatch({}, 1);
    const [view] = makeEvents(1);
    const response = await post('/v1/events', { ...batch, events: [{ ...view, path }] });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.issues.map((issue: { path: string }) => issue.path)).toContain('events.0.path');
    expect((await server.storage.exportData({ visitorId: batch.visitorId })).events).toEqual([]);
  });

  it('keeps ordinary campaign parameters, dates and article numbers', async () => {
    const { post, server } = await start();
    const batch = makeBatch({}, 1);
    const [view] = makeEvents(1);
    const params = {
      utm_source: 'newsletter',
      utm_campaign: 'sommar-2026',
      utm_content: '2026-06-01',
      utm_term: 'skor 42',
      hotel: 'grand',
    };
    const response = await post('/v1/events', {
      ...batch,
      events: [{ ...view, path: '/produkter/4711/2026/06', params }],
    });
    expect(response.status).toBe(200);
    const [stored] = (await server.storage.exportData({ visitorId: batch.visitorId })).events;
    expect(stored?.event).toMatchObject({ params, path: '/produkter/4711/2026/06' });
  });
});

describe('erasure', () => {
  it('records no erasure that found nothing to erase', async () => {
    const { post, server } = await start();
    for (let index = 0; index < 3; index += 1) {
      const response = await post('/v1/erasure', {
        site,
        visitorId: crypto.randomUUID(),
        consentIds: [crypto.randomUUID()],
        leadIds: [],
      });
      expect(await response.json()).toEqual({
        deleted: { events: 0, leads: 0, receipts: 0, conversations: 0 },
      });
    }
    expect((await server.storage.stats()).sites).toEqual({});
  });

  // PostgreSQL keeps deleted rows until (auto)vacuum reclaims them: see the README on erasure.
  it.skipIf(storeKind !== 'sqlite')(
    'leaves no erased or purged text readable in the SQLite file or its log',
    async () => {
      const { post, server, database, clock } = await start();
      const receipt = makeReceipt();
      const batch = makeBatch({ consentId: receipt.id }, 4);
      const marked = batch.events.map((event) =>
        event.type === 'page-view' ? { ...event, path: '/produkter/zyxwvut-marker' } : event,
      );
      const lead = makeLead({
        consentId: receipt.id,
        fields: { name: 'Qwertyuiop Markersson', email: 'qwertyuiop@example.se' },
      });
      await post('/v1/consent', receipt);
      await post('/v1/events', { ...batch, events: marked });
      await post('/v1/leads', lead);
      const stored = () =>
        ['', '-wal']
          .map((suffix) => `${database}${suffix}`)
          .filter((file) => existsSync(file))
          .map((file) => readFileSync(file).toString('latin1'))
          .join('\n');
      expect(stored()).toContain('Qwertyuiop Markersson');

      await post('/v1/erasure', {
        site,
        visitorId: batch.visitorId,
        consentIds: [receipt.id],
        leadIds: [lead.id],
      });
      for (const text of ['zyxwvut-marker', 'Qwertyuiop', batch.visitorId, lead.id]) {
        expect(stored()).not.toContain(text);
      }

      const later = makeBatch({}, 4);
      await post('/v1/events', {
        ...later,
        events: later.events.map((event) =>
          event.type === 'page-view' ? { ...event, path: '/purged-marker' } : event,
        ),
      });
      expect(stored()).toContain('/purged-marker');
      clock.now += 14 * 31 * 24 * 60 * 60 * 1000;
      expect((await server.purge()).events).toBe(4);
      expect(stored()).not.toContain('/purged-marker');
    },
  );
});

describe('a body over the limit', () => {
  it('is answered 413 with Connection: close, and the connection is closed as said', async () => {
    const { url } = await start();
    const body = JSON.stringify({ site, padding: 'x'.repeat(70 * 1024) });
    const { status, connection, closed } = await new Promise<{
      status: number | undefined;
      connection: string | undefined;
      closed: boolean;
    }>((resolve, reject) => {
      const { hostname, port } = new URL(url);
      const sending = request(
        {
          host: hostname,
          port,
          path: '/v1/leads',
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            origin: siteOrigin,
          },
        },
        (response) => {
          response.resume();
          response.socket.once('close', () =>
            resolve({
              status: response.statusCode,
              connection: response.headers.connection,
              closed: true,
            }),
          );
        },
      );
      sending.on('error', reject);
      sending.end(body);
    });
    expect(status).toBe(413);
    expect(connection).toBe('close');
    expect(closed).toBe(true);
  });
});
