/**
 * Text that JSON can carry but a database column cannot: a NUL character
 * (PostgreSQL's text and jsonb refuse U+0000) and lone UTF-16 surrogates
 * (not Unicode scalar values; jsonb refuses their escapes). Whatever a client
 * sends, the answer is a clear 4xx or a stored row, on both engines, never a
 * 500 that a widget would retry for ever.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useConsoleServer } from './console/start-console-server';
import { makeBatch, makeEvents, makeLead, site } from './payloads';
import { type TestServer, useTestServer } from './start-test-server';

const start = useTestServer();
const startConsole = useConsoleServer();

const tricky = ['a\u0000b', 'a\ud800b', 'a\udfffb'];

async function expectNoServerError(response: Response, what: string): Promise<void> {
  expect(response.status, `${what}: ${await response.clone().text()}`).toBeLessThan(500);
}

async function chat(app: TestServer, text: string): Promise<Response> {
  return app.post('/v1/chat', {
    site,
    conversationId: randomUUID(),
    message: { id: randomUUID(), text },
    locale: 'sv',
  });
}

describe('text a database cannot hold', () => {
  it('refuses events carrying a NUL or a lone surrogate with a 400 naming the field, and stores none', async () => {
    const app = await start();
    for (const value of tricky) {
      const [pageView] = makeEvents(1);
      const event = { ...pageView, params: { utm_source: value } };
      const response = await app.post('/v1/events', makeBatch({ events: [event as never] }));
      await expectNoServerError(response, JSON.stringify(value));
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        code: 'invalid-body',
        issues: [{ path: 'events.0.params.utm_source' }],
      });
    }
    expect(await app.rows('events')).toHaveLength(0);
  });

  it('refuses a chat message carrying a NUL or a lone surrogate with a 400, with conversations stored', async () => {
    const app = await start({ storeConversations: true, knowledge: 'demo/knowledge' });
    for (const value of tricky) {
      const response = await chat(app, `Hej ${value} hur länge sparas mina uppgifter?`);
      await expectNoServerError(response, JSON.stringify(value));
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ issues: [{ path: 'message.text' }] });
    }
    // A surrogate pair (an emoji) is ordinary text and is answered.
    expect((await chat(app, 'Hur länge sparas mina uppgifter? 🙂')).status).toBe(200);
  });

  it('refuses such text in the console API too (a lead note)', async () => {
    const app = await startConsole();
    await app.addUser('owner@acme.se', [site]);
    const lead = makeLead();
    await app.collect('/v1/leads', lead);
    const cookie = await app.signIn('owner@acme.se');
    for (const value of tricky) {
      const response = await app.call(`/v1/admin/sites/${site}/leads/${lead.id}/handled`, {
        method: 'POST',
        body: { note: `Ringt ${value}` },
        cookie,
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ issues: [{ path: 'note' }] });
    }
    const handled = await app.call(`/v1/admin/sites/${site}/leads/${lead.id}/handled`, {
      method: 'POST',
      body: { note: 'Ringt 🙂' },
      cookie,
    });
    expect(handled.status).toBe(200);
  });
});
