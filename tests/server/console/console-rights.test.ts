/**
 * Rights requests in the console (issue 14 item 3, contract §8–9) over real
 * HTTP and the real store: every kind listed with its deadline, handled with
 * a note, a restriction lifted by the owner only; statistics and the leads
 * CSV leave out what a restriction or objection covers until it is lifted.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RightsRequest } from '../../../src/protocol/rights';
import { makeBatch, makeLead, otherSite } from '../payloads';
import { type ConsoleServer, site, useConsoleServer } from './start-console-server';

const start = useConsoleServer();
const owner = 'owner@acme.se';
// Statistics count by arrival: the test clock's day.
const period = 'from=2026-02-10&to=2026-02-10';

function request(
  kind: RightsRequest['kind'],
  names: { visitorId?: string; leadIds?: string[] },
): RightsRequest {
  const common = {
    id: randomUUID(),
    site,
    visitorId: names.visitorId ?? null,
    consentIds: [],
    leadIds: names.leadIds ?? [],
    submittedAt: '2026-02-10T11:00:00.000Z',
  };
  return kind === 'rectify'
    ? { ...common, kind, changes: { email: 'asa.oberg@example.se' } }
    : { ...common, kind };
}

async function visitorsInPeriod(app: ConsoleServer, cookie: string): Promise<number> {
  const response = await app.call(`/v1/admin/sites/${site}/stats?${period}`, { cookie });
  expect(response.status).toBe(200);
  return (await response.json()).traffic.visitorsInPeriod;
}

async function csv(app: ConsoleServer, cookie: string): Promise<string> {
  return (await app.call(`/v1/admin/sites/${site}/leads.csv`, { cookie })).text();
}

async function listed(app: ConsoleServer, cookie: string) {
  const response = await app.call(`/v1/admin/sites/${site}/rights`, { cookie });
  expect(response.status).toBe(200);
  return (await response.json()).requests as Array<Record<string, unknown>>;
}

describe('rights requests in the console', () => {
  it('lists every kind with its deadline, and marks one handled with a note', async () => {
    const app = await start();
    await app.addUser(owner, [site]);
    const lead = makeLead();
    expect((await app.collect('/v1/leads', lead)).status).toBe(200);
    const rectify = request('rectify', { leadIds: [lead.id] });
    const restrict = request('restrict', { visitorId: randomUUID() });
    const object = request('object', { leadIds: [lead.id] });
    for (const body of [rectify, restrict, object]) {
      expect((await app.collect('/v1/rights', body)).status).toBe(200);
    }
    app.clock.now = Date.parse('2026-02-20T12:00:00.000Z');
    const cookie = await app.signIn(owner);

    const requests = await listed(app, cookie);
    expect(requests.map((entry) => entry.kind).sort()).toEqual(['object', 'rectify', 'restrict']);
    expect(requests.find((entry) => entry.id === rectify.id)).toMatchObject({
      status: 'open',
      // One calendar month after it was sent (GDPR art. 12(3)).
      deadline: '2026-03-10T11:00:00.000Z',
      daysLeft: 17,
      overdue: false,
      names: { leadIds: [lead.id] },
      changes: { email: 'asa.oberg@example.se' },
      liftedAt: null,
    });

    const handled = await app.call(`/v1/admin/sites/${site}/rights/${rectify.id}/handled`, {
      method: 'POST',
      body: { note: 'Passed the new address on to sales.' },
      cookie,
    });
    expect(handled.status).toBe(200);
    expect(await handled.json()).toMatchObject({
      status: 'handled',
      handledBy: owner,
      note: 'Passed the new address on to sales.',
    });

    // A month and a day later the open ones are overdue.
    app.clock.now = Date.parse('2026-03-11T12:00:00.000Z');
    const later = await listed(app, await app.signIn(owner));
    expect(later.find((entry) => entry.id === restrict.id)).toMatchObject({ overdue: true });
    expect(later.find((entry) => entry.id === rectify.id)).toMatchObject({ overdue: false });
  });

  it('keeps a restricted visitor out of the statistics and an objector’s lead out of the CSV until lifted', async () => {
    const app = await start();
    await app.addUser(owner, [site]);
    const restricted = makeBatch({}, 4);
    const other = makeBatch({}, 4);
    for (const batch of [restricted, other]) {
      expect((await app.collect('/v1/events', batch)).status).toBe(200);
    }
    const lead = makeLead({ fields: { name: 'Åsa Öberg', email: 'asa@example.se' } });
    const kept = makeLead({ fields: { name: 'Bo Ek', email: 'bo@example.se' } });
    for (const body of [lead, kept])
      expect((await app.collect('/v1/leads', body)).status).toBe(200);
    const cookie = await app.signIn(owner);
    expect(await visitorsInPeriod(app, cookie)).toBe(2);
    expect(await csv(app, cookie)).toContain('asa@example.se');

    const restriction = request('restrict', { visitorId: restricted.visitorId });
    const objection = request('object', { leadIds: [lead.id] });
    for (const body of [restriction, objection]) {
      expect((await app.collect('/v1/rights', body)).status).toBe(200);
    }
    expect(await visitorsInPeriod(app, cookie)).toBe(1);
    const exported = await csv(app, cookie);
    expect(exported).not.toContain('asa@example.se');
    expect(exported).toContain('bo@example.se');

    // Another site's user cannot lift it, nor learn that it exists.
    await app.addUser('owner@other.se', [otherSite]);
    const stranger = await app.signIn('owner@other.se');
    const refused = await app.call(`/v1/admin/sites/${site}/rights/${restriction.id}/lift`, {
      method: 'POST',
      body: {},
      cookie: stranger,
    });
    expect(refused.status).toBe(404);
    expect(await visitorsInPeriod(app, cookie)).toBe(1);

    const lifted = await app.call(`/v1/admin/sites/${site}/rights/${restriction.id}/lift`, {
      method: 'POST',
      body: {},
      cookie,
    });
    expect(lifted.status).toBe(200);
    expect(await lifted.json()).toMatchObject({
      kind: 'restrict',
      liftedAt: '2026-02-10T12:00:00.000Z',
      liftedBy: owner,
    });
    expect(await visitorsInPeriod(app, cookie)).toBe(2);
    // Lifting twice, or lifting a rectification, finds nothing in force.
    const again = await app.call(`/v1/admin/sites/${site}/rights/${restriction.id}/lift`, {
      method: 'POST',
      body: {},
      cookie,
    });
    expect(again.status).toBe(404);
    // The objection still holds.
    expect(await csv(app, cookie)).not.toContain('asa@example.se');
    const liftObjection = await app.call(`/v1/admin/sites/${site}/rights/${objection.id}/lift`, {
      method: 'POST',
      body: {},
      cookie,
    });
    expect(liftObjection.status).toBe(200);
    expect(await csv(app, cookie)).toContain('asa@example.se');
  });
});
