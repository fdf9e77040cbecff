import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chatJsonResponse, chatStreamEvents } from '../../src/protocol';
import {
  makeBatch,
  makeEvents,
  makeLead,
  makeReceipt,
  otherOrigin,
  otherSite,
  site,
} from './payloads';
import { useTestServer } from './start-test-server';

const start = useTestServer();

describe('POST /v1/consent', () => {
  it('stores a receipt once, however often it is retried', async () => {
    const { post, server } = await start();
    const receipt = makeReceipt();
    const first = await post('/v1/consent', receipt);
    const retry = await post('/v1/consent', receipt);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ stored: 1, duplicates: 0 });
    expect(await retry.json()).toEqual({ stored: 0, duplicates: 1 });
    const held = await server.storage.exportData({ consentIds: [receipt.id] });
    expect(held.receipts).toEqual([{ ...receipt, receivedAt: '2026-02-01T12:00:00.000Z' }]);
  });

  it('refuses a malformed receipt with the failing field paths', async () => {
    const { post, server } = await start();
    const { method: _dropped, ...withoutMethod } = makeReceipt({ textHash: 'not-a-hash' });
    const response = await post('/v1/consent', { ...withoutMethod, userAgent: 'Mozilla/5.0' });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.code).toBe('invalid-body');
    const paths = body.issues.map((issue: { path: string }) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['textHash', 'method', '']));
    expect((await server.storage.stats()).sites).toEqual({});
  });
});

describe('POST /v1/events', () => {
  it('stores a batch and drops every event it already has', async () => {
    const { post, server } = await start();
    const batch = makeBatch({}, 3);
    expect(await (await post('/v1/events', batch)).json()).toEqual({ stored: 3, duplicates: 0 });
    expect(await (await post('/v1/events', batch)).json()).toEqual({ stored: 0, duplicates: 3 });
    const overlapping = { ...batch, events: [...batch.events.slice(1), ...makeEvents(1)] };
    expect(await (await post('/v1/events', overlapping)).json()).toEqual({
      stored: 1,
      duplicates: 2,
    });
    expect((await server.storage.exportData({ visitorId: batch.visitorId })).events).toHaveLength(
      4,
    );
  });

  it('keeps the client address only as a /24 prefix', async () => {
    const { post, server } = await start();
    const batch = makeBatch();
    await post('/v1/events', batch);
    const held = await server.storage.exportData({ visitorId: batch.visitorId });
    expect(held.events.map((row) => row.ipPrefix)).toEqual(['127.0.0.0', '127.0.0.0', '127.0.0.0']);
    expect(JSON.stringify(held)).not.toContain('127.0.0.1');
  });

  it('keeps a /48 prefix of the forwarded IPv6 address behind a trusted proxy', async () => {
    const { post, server } = await start({ trustProxy: true });
    const batch = makeBatch({}, 1);
    await post('/v1/events', batch, {
      'x-forwarded-for': '198.51.100.7, 2001:db8:abcd:12:1:2:3:4',
    });
    expect(
      (await server.storage.exportData({ visitorId: batch.visitorId })).events[0]?.ipPrefix,
    ).toBe('2001:db8:abcd::');
  });

  it('ignores X-Forwarded-For unless the proxy is trusted', async () => {
    const { post, server } = await start();
    const batch = makeBatch({}, 1);
    await post('/v1/events', batch, { 'x-forwarded-for': '198.51.100.7' });
    expect(
      (await server.storage.exportData({ visitorId: batch.visitorId })).events[0]?.ipPrefix,
    ).toBe('127.0.0.0');
  });

  it('refuses a page path with a query string, and stores nothing of that batch', async () => {
    const { post, server } = await start();
    const batch = makeBatch({}, 2);
    const leaky = {
      ...batch,
      events: [batch.events[0], { ...batch.events[0], id: randomUUID(), path: '/sok?q=anna' }],
    };
    const response = await post('/v1/events', leaky);
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.issues.map((issue: { path: string }) => issue.path)).toContain('events.1.path');
    expect((await server.storage.exportData({ visitorId: batch.visitorId })).events).toEqual([]);
  });
});

describe('POST /v1/leads', () => {
  it('stores a lead once and keeps no address with it', async () => {
    const { post, server, rows } = await start();
    const lead = makeLead({ consentId: randomUUID() });
    expect(await (await post('/v1/leads', lead)).json()).toEqual({ stored: 1, duplicates: 0 });
    expect(await (await post('/v1/leads', lead)).json()).toEqual({ stored: 0, duplicates: 1 });
    expect((await server.storage.exportData({ leadIds: [lead.id] })).leads).toEqual([
      { ...lead, receivedAt: '2026-02-01T12:00:00.000Z' },
    ]);
    const stored = [...(await rows('leads')), ...(await rows('consent_receipts'))];
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain('127.0.0');
  });

  it('refuses a lead whose email is not normalised into an address', async () => {
    const { post } = await start();
    const response = await post(
      '/v1/leads',
      makeLead({ fields: { email: 'anna(at)example.se', name: '' } }),
    );
    expect(response.status).toBe(400);
    const body = await response.json();
    const paths = new Set(body.issues.map((issue: { path: string }) => issue.path));
    expect([...paths].sort()).toEqual(['fields.email', 'fields.name']);
  });

  it('refuses a lead with no field, which gives no way to reach anyone, and stores nothing', async () => {
    const { post, server } = await start();
    const lead = makeLead({ fields: {} });
    const response = await post('/v1/leads', lead);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code: 'invalid-body',
      issues: [{ path: 'fields', message: 'must hold at least one of name, email, phone, orgnr' }],
    });
    expect((await server.storage.exportData({ leadIds: [lead.id] })).leads).toEqual([]);
    expect((await post('/v1/leads', makeLead({ fields: { name: 'Anna' } }))).status).toBe(200);
  });
});

describe('POST /v1/leads from a script', () => {
  it.each([
    ['a filled-in honeypot', { fillMs: 6_000, honeypot: 'https://spam.example' }],
    ['a form sent within 500 ms of being shown', { fillMs: 120 }],
  ])('refuses %s as a suspected bot, and stores nothing', async (_name, botCheck) => {
    const { post, server } = await start();
    const lead = makeLead({ botCheck });
    const response = await post('/v1/leads', lead);
    expect(response.status).toBe(422);
    expect((await response.json()).code).toBe('suspected-bot');
    expect((await server.storage.exportData({ leadIds: [lead.id] })).leads).toEqual([]);
  });

  it('stores a lead filled in at a human pace, and one without a bot check (older widgets), keeping neither check', async () => {
    const { post, server } = await start();
    const checked = makeLead({ botCheck: { fillMs: 1_000, honeypot: '' } });
    const unchecked = makeLead();
    expect((await post('/v1/leads', checked)).status).toBe(200);
    expect((await post('/v1/leads', unchecked)).status).toBe(200);
    const { leads } = await server.storage.exportData({ leadIds: [checked.id, unchecked.id] });
    expect(leads).toHaveLength(2);
    expect(JSON.stringify(leads)).not.toContain('fillMs');
  });
});

describe('POST /v1/erasure', () => {
  it("deletes the visitor's events, receipts and leads, and keeps only an anonymous record", async () => {
    const { post, server, rows } = await start();
    const receipt = makeReceipt();
    const batch = makeBatch({ consentId: receipt.id });
    const lead = makeLead({ consentId: receipt.id });
    const neighbour = makeBatch();
    const sameVisitorOtherSite = makeBatch({ site: otherSite, visitorId: batch.visitorId });
    await post('/v1/consent', receipt);
    await post('/v1/events', batch);
    await post('/v1/leads', lead);
    await post('/v1/events', neighbour);
    await post('/v1/events', sameVisitorOtherSite, { origin: otherOrigin });

    const response = await post('/v1/erasure', {
      site,
      visitorId: batch.visitorId,
      consentIds: [receipt.id],
      leadIds: [lead.id],
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      deleted: { events: 3, leads: 1, receipts: 1, conversations: 0 },
    });

    const held = await server.storage.exportData({
      site,
      visitorId: batch.visitorId,
      consentIds: [receipt.id],
      leadIds: [lead.id],
    });
    expect(held).toEqual({
      receipts: [],
      events: [],
      leads: [],
      conversations: [],
      unreadable: [],
    });
    expect(
      (await server.storage.exportData({ visitorId: neighbour.visitorId })).events,
    ).toHaveLength(3);
    expect(
      (await server.storage.exportData({ site: otherSite, visitorId: batch.visitorId })).events,
    ).toHaveLength(3);

    const erasures = await rows('erasures');
    expect(erasures).toHaveLength(1);
    for (const id of [batch.visitorId, receipt.id, lead.id])
      expect(JSON.stringify(erasures)).not.toContain(id);
  });

  it('refuses an erasure request that is not the contract shape', async () => {
    const { post } = await start();
    const response = await post('/v1/erasure', { site, visitorId: 'anna', consentIds: [] });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.issues.map((issue: { path: string }) => issue.path).sort()).toEqual([
      'leadIds',
      'visitorId',
    ]);
  });
});

function chatRequest(text: string, locale: 'sv' | 'en' = 'sv') {
  return { site, conversationId: randomUUID(), message: { id: randomUUID(), text }, locale };
}

function parseEventStream(text: string): Array<{ event: string; data: unknown }> {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const lines = block.split('\n');
      const event = lines.find((line) => line.startsWith('event: '))?.slice(7) ?? '';
      const data = lines
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n');
      return { event, data: JSON.parse(data) };
    });
}

describe('POST /v1/chat', () => {
  it('answers a question from the knowledge base in JSON', async () => {
    const { post } = await start({ knowledge: 'demo/knowledge' });
    const response = await post('/v1/chat', chatRequest('Hur länge sparar ni mina uppgifter?'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const body = chatJsonResponse.parse(await response.json());
    expect(body.replies).toHaveLength(1);
    expect(body.replies[0]?.text).toContain('12 månader');
  });

  it('streams the same answer as server-sent events when asked for them', async () => {
    const { post } = await start({ knowledge: 'demo/knowledge' });
    const request = chatRequest('Can I get my data erased?', 'en');
    const json = chatJsonResponse.parse(await (await post('/v1/chat', request)).json());
    const response = await post('/v1/chat', request, { accept: 'text/event-stream' });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const events = parseEventStream(await response.text());
    const names = events.map((event) => event.event);
    expect(names[0]).toBe('reply-start');
    expect(names.slice(-2)).toEqual(['reply-end', 'done']);
    expect(new Set(names.slice(1, -2))).toEqual(new Set(['reply-delta']));
    for (const { event, data } of events) {
      expect(chatStreamEvents[event as keyof typeof chatStreamEvents].safeParse(data).success).toBe(
        true,
      );
    }
    const text = events
      .filter((event) => event.event === 'reply-delta')
      .map((event) => (event.data as { text: string }).text)
      .join('');
    expect(text).toBe(json.replies[0]?.text);
    const replyId = chatStreamEvents['reply-start'].parse(events[0]?.data).id;
    expect(events.at(-2)?.data).toEqual({ id: replyId, actions: json.replies[0]?.actions });
  });

  it('keeps no conversation unless the operator turns storage on', async () => {
    const off = await start();
    const request = chatRequest('Vilka uppgifter samlar ni in?');
    await off.post('/v1/chat', request);
    expect(
      (await off.server.storage.exportData({ conversationIds: [request.conversationId] }))
        .conversations,
    ).toEqual([]);
    await off.stop();

    const on = await start({ storeConversations: true });
    await on.post('/v1/chat', request);
    const turns = (
      await on.server.storage.exportData({
        conversationIds: [request.conversationId],
      })
    ).conversations;
    expect(turns.map((turn) => turn.from)).toEqual(['visitor', 'bot']);
    expect(turns[0]?.text).toBe('Vilka uppgifter samlar ni in?');
  });

  it('refuses a chat message with visit data riding along', async () => {
    const { post } = await start();
    const response = await post('/v1/chat', { ...chatRequest('Hej'), page: '/kontakt' });
    expect(response.status).toBe(400);
    expect((await response.json()).code).toBe('invalid-body');
  });
});
