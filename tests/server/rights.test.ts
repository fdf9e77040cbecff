/**
 * `POST /v1/rights` (contract §8) against the real server and its SQLite
 * store: what a rectification changes and what it must not, what a
 * restriction or objection keeps out of statistics and marketing, the
 * deadline, retries, bounds, erasure and retention.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { RightsRequest } from '../../src/protocol/rights';
import { maxIdListBodyBytes } from '../../src/server/create-collector-app';
import type {
  RestrictableTable,
  RestrictionPurpose,
} from '../../src/server/storage/create-rights-storage';
import { makeBatch, makeLead, makeReceipt, otherOrigin, otherSite, site } from './payloads';
import { type TestServer, useTestServer } from './start-test-server';

const start = useTestServer();

function rectify(overrides: Partial<RightsRequest> & { leadIds: string[] }): RightsRequest {
  return {
    id: randomUUID(),
    site,
    kind: 'rectify',
    visitorId: null,
    consentIds: [],
    submittedAt: '2026-02-01T11:00:00.000Z',
    changes: { email: 'anna.svensson@example.se' },
    ...overrides,
  } as RightsRequest;
}

function restriction(
  kind: 'restrict' | 'object',
  names: { visitorId?: string | null; consentIds?: string[]; leadIds?: string[] },
  overrides: Partial<RightsRequest> = {},
): RightsRequest {
  return {
    id: randomUUID(),
    site,
    kind,
    visitorId: names.visitorId ?? null,
    consentIds: names.consentIds ?? [],
    leadIds: names.leadIds ?? [],
    submittedAt: '2026-02-01T11:00:00.000Z',
    ...overrides,
  } as RightsRequest;
}

async function leadFields(server: TestServer, siteId: string, id: string) {
  const [lead] = (await server.server.storage.exportData({ site: siteId, leadIds: [id] })).leads;
  return lead?.fields;
}

/** Rows of `table` in `site` that a query for `purpose` may use. */
async function usable(
  server: TestServer,
  table: RestrictableTable,
  purpose: RestrictionPurpose,
): Promise<number> {
  const condition = server.server.rights.restrictedRows(table, 'x', purpose);
  const result = await sql<{ n: number }>`
    SELECT count(*) AS n FROM ${sql.table(table)} AS x
    WHERE x.site = ${site} AND NOT (${condition})`.execute(server.server.database.db);
  return Number(result.rows[0]?.n);
}

/** A visitor who consented, browsed and sent a lead. */
async function seedVisitor(server: TestServer, siteId = site, origin?: string) {
  const headers = origin === undefined ? {} : { origin };
  const receipt = makeReceipt({ site: siteId, purposes: { analytics: true, marketing: true } });
  const batch = makeBatch({ site: siteId, consentId: receipt.id });
  const lead = makeLead({ site: siteId, consentId: receipt.id });
  for (const [path, body] of [
    ['/v1/consent', receipt],
    ['/v1/events', batch],
    ['/v1/leads', lead],
  ] as const) {
    expect((await server.post(path, body, headers)).status).toBe(200);
  }
  return { receipt, batch, lead };
}

describe('POST /v1/rights: rectify', () => {
  it('changes exactly the named lead of that site, and says so', async () => {
    const server = await start();
    const named = makeLead();
    const untouched = makeLead();
    const elsewhere = makeLead({ id: named.id, site: otherSite });
    await server.post('/v1/leads', named);
    await server.post('/v1/leads', untouched);
    await server.post('/v1/leads', elsewhere, { origin: otherOrigin });

    const response = await server.post('/v1/rights', rectify({ leadIds: [named.id] }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ stored: 1, duplicates: 0, applied: 1 });

    expect(await leadFields(server, site, named.id)).toEqual({
      ...named.fields,
      email: 'anna.svensson@example.se',
    });
    expect(await leadFields(server, site, untouched.id)).toEqual(untouched.fields);
    // The same lead id in another site is another person's lead.
    expect(await leadFields(server, otherSite, named.id)).toEqual(elsewhere.fields);
  });

  it('cannot reach another site’s lead, even naming its id', async () => {
    const server = await start();
    const theirs = makeLead({ site: otherSite });
    await server.post('/v1/leads', theirs, { origin: otherOrigin });
    const response = await server.post('/v1/rights', rectify({ leadIds: [theirs.id] }));
    expect(await response.json()).toMatchObject({ stored: 1, applied: 0 });
    expect(await leadFields(server, otherSite, theirs.id)).toEqual(theirs.fields);
  });

  it('stores and applies a request once: a retry, even after a newer correction, changes nothing', async () => {
    const server = await start();
    const lead = makeLead();
    await server.post('/v1/leads', lead);
    const first = rectify({ leadIds: [lead.id], changes: { name: 'Anna Berg' } });
    const second = rectify({ leadIds: [lead.id], changes: { name: 'Anna Lind' } });
    await server.post('/v1/rights', first);
    await server.post('/v1/rights', second);
    const retry = await server.post('/v1/rights', first);
    expect(await retry.json()).toEqual({ stored: 0, duplicates: 1, applied: 0 });
    expect((await leadFields(server, site, lead.id))?.name).toBe('Anna Lind');
    expect(await server.server.rights.list({ site })).toHaveLength(2);
  });

  it('keeps the request with its kind, status, deadline and the corrected fields', async () => {
    const server = await start();
    const lead = makeLead();
    await server.post('/v1/leads', lead);
    const request = rectify({ leadIds: [lead.id], submittedAt: '2026-01-31T11:00:00.000Z' });
    await server.post('/v1/rights', request);
    expect(await server.server.rights.get(site, request.id)).toEqual({
      id: request.id,
      site,
      kind: 'rectify',
      status: 'open',
      submittedAt: '2026-01-31T11:00:00.000Z',
      receivedAt: '2026-02-01T12:00:00.000Z',
      // One calendar month: 31 January gives the last day of February.
      deadline: '2026-02-28T11:00:00.000Z',
      visitorId: null,
      consentIds: [],
      leadIds: [lead.id],
      changes: { email: 'anna.svensson@example.se' },
      applied: 1,
      handledAt: null,
      handledBy: null,
      note: null,
      liftedAt: null,
      liftedBy: null,
    });
  });

  it('counts the deadline from arrival when the browser’s clock runs ahead', async () => {
    const server = await start();
    const request = restriction('object', {}, { submittedAt: '2026-06-01T00:00:00.000Z' });
    await server.post('/v1/rights', request);
    expect((await server.server.rights.get(site, request.id))?.deadline).toBe(
      '2026-03-01T12:00:00.000Z',
    );
  });
});

describe('POST /v1/rights: restrict and object', () => {
  it('a restriction keeps the visitor’s events, receipts and leads out of statistics and marketing until lifted', async () => {
    const server = await start();
    const { receipt, batch, lead } = await seedVisitor(server);
    await seedVisitor(server); // someone else, who asked for nothing
    expect(await usable(server, 'events', 'statistics')).toBe(6);

    const request = restriction('restrict', {
      visitorId: batch.visitorId,
      consentIds: [receipt.id],
      leadIds: [lead.id],
    });
    const response = await server.post('/v1/rights', request);
    expect(await response.json()).toEqual({ stored: 1, duplicates: 0, applied: 3 });
    for (const purpose of ['statistics', 'marketing'] as const) {
      expect(await usable(server, 'events', purpose)).toBe(3);
      expect(await usable(server, 'consent_receipts', purpose)).toBe(1);
      expect(await usable(server, 'leads', purpose)).toBe(1);
    }
    expect(await server.server.rights.restrictedLeads(site, [lead.id], 'marketing')).toEqual(
      new Set([lead.id]),
    );

    // Events still on their way when the visitor paused are covered too.
    await server.post(
      '/v1/events',
      makeBatch({ visitorId: batch.visitorId, consentId: receipt.id }),
    );
    expect(await usable(server, 'events', 'statistics')).toBe(3);

    // Stored, not deleted: the visitor's own copy still has everything.
    const held = await server.server.storage.exportData({ site, visitorId: batch.visitorId });
    expect(held.events).toHaveLength(6);

    expect(await server.server.rights.lift(site, request.id, 'Lisa', server.clock.now)).toBe(true);
    expect(await usable(server, 'events', 'statistics')).toBe(9);
    expect(await server.server.rights.get(site, request.id)).toMatchObject({
      liftedBy: 'Lisa',
      liftedAt: '2026-02-01T12:00:00.000Z',
    });
  });

  it('an objection keeps the visitor out of marketing only', async () => {
    const server = await start();
    const { receipt, batch, lead } = await seedVisitor(server);
    await server.post(
      '/v1/rights',
      restriction('object', {
        visitorId: batch.visitorId,
        consentIds: [receipt.id],
        leadIds: [lead.id],
      }),
    );
    expect(await usable(server, 'events', 'statistics')).toBe(3);
    expect(await usable(server, 'leads', 'statistics')).toBe(1);
    expect(await usable(server, 'events', 'marketing')).toBe(0);
    expect(await usable(server, 'leads', 'marketing')).toBe(0);
    expect(await server.server.rights.restrictedLeads(site, [lead.id], 'statistics')).toEqual(
      new Set(),
    );
  });

  it('marks only ids the site holds, so a request cannot grow the table by itself', async () => {
    const server = await start();
    const request = restriction('restrict', {
      visitorId: randomUUID(),
      // The most the schema allows, which the 160 KB limit of /v1/rights takes.
      consentIds: Array.from({ length: 1000 }, () => randomUUID()),
      leadIds: Array.from({ length: 1000 }, () => randomUUID()),
    });
    const response = await server.post('/v1/rights', request);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ applied: 1 });
  });

  it('does not mark another site’s rows', async () => {
    const server = await start();
    const theirs = await seedVisitor(server, otherSite, otherOrigin);
    await server.post(
      '/v1/rights',
      restriction('restrict', {
        visitorId: theirs.batch.visitorId,
        consentIds: [theirs.receipt.id],
        leadIds: [theirs.lead.id],
      }),
    );
    const condition = server.server.rights.restrictedRows('events', 'x', 'statistics');
    const result = await sql<{ n: number }>`
      SELECT count(*) AS n FROM events AS x WHERE x.site = ${otherSite} AND NOT (${condition})`.execute(
      server.server.database.db,
    );
    expect(Number(result.rows[0]?.n)).toBe(3);
  });
});

describe('POST /v1/rights: what it refuses', () => {
  it.each([
    ['changes on a restriction', { changes: { name: 'Anna' } }, 'restrict'],
    ['a rectification without changes', {}, 'rectify'],
    ['a rectification naming no lead', { changes: { name: 'Anna' } }, 'rectify'],
    [
      'an email that is not normalised',
      { changes: { email: 'Anna@Example.SE' }, leadIds: [randomUUID()] },
      'rectify',
    ],
    ['an unknown kind', {}, 'forget-me'],
    ['a key the contract does not have', { reason: 'spam' }, 'object'],
  ])('refuses %s with the field and why, storing nothing', async (_name, extra, kind) => {
    const server = await start();
    const body = { ...restriction('object', {}), kind, ...extra };
    const response = await server.post('/v1/rights', body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code: 'invalid-body',
      issues: expect.any(Array),
    });
    expect(await server.server.rights.list()).toEqual([]);
  });

  it('refuses more than 1000 ids, naming the list', async () => {
    const server = await start();
    const response = await server.post(
      '/v1/rights',
      restriction('restrict', { leadIds: Array.from({ length: 1001 }, () => randomUUID()) }),
    );
    expect(response.status).toBe(400);
    expect((await response.json()).issues).toEqual([expect.objectContaining({ path: 'leadIds' })]);
  });

  it('refuses a body over its 160 KB limit, an unknown site and another site’s origin', async () => {
    const server = await start();
    const padded = { ...restriction('object', {}), padding: 'x'.repeat(maxIdListBodyBytes + 1) };
    expect((await server.post('/v1/rights', padded)).status).toBe(413);
    const unknown = restriction('object', {}, { site: 'nobody-se' });
    expect((await server.post('/v1/rights', unknown)).status).toBe(403);
    const foreign = await server.post('/v1/rights', restriction('object', {}), {
      origin: otherOrigin,
    });
    expect(foreign.status).toBe(403);
    expect(await server.server.rights.list()).toEqual([]);
  });

  it('answers a preflight from the site’s origin, as the other collector endpoints do', async () => {
    const server = await start();
    const response = await fetch(`${server.url}/v1/rights`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://acme.se',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://acme.se');
  });
});

describe('rights requests over time', () => {
  it('are listed, handled once, and counted open and overdue per site', async () => {
    const server = await start();
    const early = restriction('object', {}, { submittedAt: '2025-12-01T10:00:00.000Z' });
    const recent = restriction('restrict', {});
    await server.post('/v1/rights', early);
    await server.post('/v1/rights', recent);
    const { rights } = server.server;
    expect(await rights.openCounts([site, otherSite], server.clock.now)).toEqual(
      new Map([
        [site, { open: 2, overdue: 1 }],
        [otherSite, { open: 0, overdue: 0 }],
      ]),
    );
    expect(
      await rights.markHandled(
        site,
        early.id,
        { by: 'Lisa', note: 'Svarat per e-post' },
        server.clock.now,
      ),
    ).toBe(true);
    expect(
      await rights.markHandled(site, early.id, { by: 'Lisa', note: null }, server.clock.now),
    ).toBe(false);
    expect((await rights.list({ site, status: 'open' })).map((request) => request.id)).toEqual([
      recent.id,
    ]);
    expect(await rights.get(site, early.id)).toMatchObject({
      status: 'handled',
      handledBy: 'Lisa',
      note: 'Svarat per e-post',
      handledAt: '2026-02-01T12:00:00.000Z',
    });
  });

  it('lose the ids of an erased visitor, and the corrected values with their leads, but stay as proof', async () => {
    const server = await start();
    const { receipt, batch, lead } = await seedVisitor(server);
    const correction = rectify({ leadIds: [lead.id] });
    const pause = restriction('restrict', {
      visitorId: batch.visitorId,
      consentIds: [receipt.id],
      leadIds: [lead.id],
    });
    await server.post('/v1/rights', correction);
    await server.post('/v1/rights', pause);
    const erased = await server.post('/v1/erasure', {
      site,
      visitorId: batch.visitorId,
      consentIds: [receipt.id],
      leadIds: [lead.id],
    });
    expect(erased.status).toBe(200);
    const kept = await server.server.rights.list({ site });
    expect(kept).toHaveLength(2);
    for (const request of kept) {
      expect(request).toMatchObject({
        visitorId: null,
        consentIds: [],
        leadIds: [],
        changes: null,
      });
    }
    const restrictions = await sql<{
      n: number;
    }>`SELECT count(*) AS n FROM rights_restrictions`.execute(server.server.database.db);
    expect(Number(restrictions.rows[0]?.n)).toBe(0);
  });

  it('are purged once handled and as old as receipts may get, unless a restriction still holds', async () => {
    const server = await start({ retention: { receiptsMonths: 1 } });
    const { batch } = await seedVisitor(server);
    const lead = makeLead();
    await server.post('/v1/leads', lead);
    const correction = rectify({ leadIds: [lead.id] });
    const pause = restriction('restrict', { visitorId: batch.visitorId });
    await server.post('/v1/rights', correction);
    await server.post('/v1/rights', pause);
    const { rights } = server.server;
    await rights.markHandled(site, correction.id, { by: 'Lisa', note: null }, server.clock.now);
    await rights.markHandled(site, pause.id, { by: 'Lisa', note: null }, server.clock.now);
    server.clock.now = Date.parse('2026-04-01T12:00:00.000Z');
    await server.server.purge();
    expect((await rights.list({ site })).map((request) => request.id)).toEqual([pause.id]);
  });
});
