import { describe, expect, it } from 'vitest';
import {
  makeBatch,
  makeEvents,
  makeLead,
  makeReceipt,
  otherOrigin,
  otherSite,
  site,
  siteOrigin,
} from './payloads';
import { useTestServer } from './start-test-server';

const start = useTestServer();

describe('CORS', () => {
  it("answers a preflight from a site's origin, without credentials", async () => {
    const { url } = await start();
    const response = await fetch(`${url}/v1/events`, {
      method: 'OPTIONS',
      headers: {
        origin: siteOrigin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(siteOrigin);
    expect(response.headers.get('access-control-allow-methods')).toBe('POST');
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'content-type',
    );
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('refuses a preflight from an origin no site lists', async () => {
    const { url } = await start();
    const response = await fetch(`${url}/v1/consent`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect((await response.json()).code).toBe('origin-not-allowed');
  });

  it("refuses one site's origin posting for another site, and stores nothing", async () => {
    const { post, server } = await start();
    const response = await post('/v1/consent', makeReceipt(), { origin: otherOrigin });
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect((await response.json()).code).toBe('origin-not-allowed');
    expect((await server.storage.stats()).sites).toEqual({});
  });

  it('accepts a request without an Origin header (a server, not a browser)', async () => {
    const { url } = await start();
    const response = await fetch(`${url}/v1/consent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(makeReceipt()),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('matches a port wildcard only on the port', async () => {
    const { post } = await start({ sites: { 'acme-se': { origins: ['http://localhost:*'] } } });
    expect(
      (await post('/v1/consent', makeReceipt(), { origin: 'http://localhost:5173' })).status,
    ).toBe(200);
    expect(
      (await post('/v1/consent', makeReceipt(), { origin: 'http://localhost.evil.example' }))
        .status,
    ).toBe(403);
  });

  it('refuses a site the collector does not serve', async () => {
    const { post } = await start();
    const response = await post('/v1/consent', makeReceipt({ site: 'someone-else' }));
    expect(response.status).toBe(403);
    expect((await response.json()).code).toBe('unknown-site');
  });
});

describe('request shape', () => {
  it('accepts only JSON (415)', async () => {
    const { post } = await start();
    const response = await post('/v1/consent', JSON.stringify(makeReceipt()), {
      'content-type': 'text/plain',
    });
    expect(response.status).toBe(415);
    expect((await response.json()).code).toBe('unsupported-media-type');
  });

  it('accepts JSON with a charset', async () => {
    const { post } = await start();
    const response = await post('/v1/consent', makeReceipt(), {
      'content-type': 'application/json; charset=utf-8',
    });
    expect(response.status).toBe(200);
  });

  it('refuses a body that is not JSON', async () => {
    const { post } = await start();
    const response = await post('/v1/leads', '{"id":');
    expect(response.status).toBe(400);
    expect((await response.json()).code).toBe('invalid-json');
  });

  it('refuses a body over 64 KB (413)', async () => {
    const { post, server } = await start();
    const lead = makeLead();
    const response = await post('/v1/leads', { ...lead, padding: 'x'.repeat(64 * 1024) });
    expect(response.status).toBe(413);
    expect(response.headers.get('access-control-allow-origin')).toBe(siteOrigin);
    expect((await response.json()).code).toBe('body-too-large');
    expect((await server.storage.exportData({ leadIds: [lead.id] })).leads).toEqual([]);
  });

  it('accepts the largest schema-valid erasure and rights request, even indented, and nothing larger', async () => {
    const { post } = await start();
    const ids = (count: number) => Array.from({ length: count }, () => crypto.randomUUID());
    const erasure = {
      site,
      visitorId: crypto.randomUUID(),
      consentIds: ids(1000),
      leadIds: ids(1000),
      conversationIds: ids(1000),
    };
    const indented = JSON.stringify(erasure, null, 2);
    expect(indented.length).toBeGreaterThan(128 * 1024);
    const erased = await post('/v1/erasure', indented);
    expect(erased.status).toBe(200);
    expect(await erased.json()).toEqual({
      deleted: { events: 0, leads: 0, receipts: 0, conversations: 0 },
    });
    const restrict = {
      id: crypto.randomUUID(),
      site,
      kind: 'restrict',
      visitorId: crypto.randomUUID(),
      consentIds: ids(1000),
      leadIds: ids(1000),
      submittedAt: '2026-02-01T12:00:00.000Z',
    };
    expect((await post('/v1/rights', JSON.stringify(restrict, null, 2))).status).toBe(200);
    const tooLarge = await post('/v1/erasure', { ...erasure, padding: 'x'.repeat(160 * 1024) });
    expect(tooLarge.status).toBe(413);
    expect((await tooLarge.json()).code).toBe('body-too-large');
  });

  it('refuses a batch of more than 100 events (413), and accepts 100', async () => {
    const { post, server } = await start();
    const tooMany = makeBatch({}, 101);
    const response = await post('/v1/events', tooMany);
    expect(response.status).toBe(413);
    expect((await response.json()).code).toBe('batch-too-large');
    expect((await server.storage.exportData({ visitorId: tooMany.visitorId })).events).toEqual([]);
    expect(await (await post('/v1/events', makeBatch({}, 100))).json()).toEqual({
      stored: 100,
      duplicates: 0,
    });
  });

  it('answers unknown paths and methods with JSON', async () => {
    const { url, post } = await start();
    const missing = await post('/v1/tracking', {});
    expect(missing.status).toBe(404);
    expect((await missing.json()).code).toBe('not-found');
    const get = await fetch(`${url}/v1/events`);
    expect(get.status).toBe(405);
    expect((await get.json()).code).toBe('method-not-allowed');
  });
});

describe('rate limit', () => {
  it('answers 429 with a readable Retry-After per site and address, and lets the client back in later', async () => {
    const { post, clock } = await start({ rateLimit: { requests: 3, perSeconds: 60 } });
    for (let sent = 0; sent < 3; sent += 1) {
      expect((await post('/v1/events', makeBatch({}, 1))).status).toBe(200);
    }
    const limited = await post('/v1/events', makeBatch({}, 1));
    expect(limited.status).toBe(429);
    expect((await limited.json()).code).toBe('rate-limited');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(20);
    expect(limited.headers.get('access-control-expose-headers')).toContain('Retry-After');

    const otherSiteBatch = makeBatch({ site: otherSite }, 1);
    expect((await post('/v1/events', otherSiteBatch, { origin: otherOrigin })).status).toBe(200);

    clock.now += retryAfter * 1000;
    expect((await post('/v1/events', { ...makeBatch({}, 1), events: makeEvents(1) })).status).toBe(
      200,
    );
  });
});
