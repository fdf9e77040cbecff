/**
 * Receipts as the collector receives them: the consent service and the real
 * sender against msw playing the collector, which answers 400 to any body
 * that breaks the wire schema (the sender would then warn, failing the test).
 */
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { collectorHandlers, demoEndpoints } from '../../demo/mocks/handlers';
import { createConsentService } from '../../src/consent/create-consent-service';
import { hashConsentTexts } from '../../src/consent/hash-consent-texts';
import { maySend } from '../../src/consent/may-send';
import { createDataRegistry } from '../../src/data/create-data-registry';
import { eraseVisitorData } from '../../src/data/erase-visitor-data';
import { createSender } from '../../src/net/create-sender';
import { createKeyValueStore } from '../../src/storage/create-key-value-store';
import { createPreferenceStore } from '../../src/storage/create-preference-store';

const server = setupServer(...collectorHandlers());
const received: { path: string; body: unknown }[] = [];

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', async ({ request }) => {
    received.push({ path: new URL(request.url).pathname, body: await request.clone().json() });
  });
});
afterEach(() => {
  server.resetHandlers();
  received.length = 0;
});
afterAll(() => server.close());

const shown = ['Får vi mäta besöket?', 'Acceptera alla', 'Avvisa alla'];

function setup(globalPrivacyControl = false) {
  const preferences = createPreferenceStore('acme-se', null);
  const store = createKeyValueStore('acme-se', null);
  let ids = 0;
  const consent = createConsentService({
    site: 'acme-se',
    locale: 'sv',
    preferences,
    policyVersion: '2026-01',
    globalPrivacyControl,
    newId: () => `00000000-0000-4000-8000-00000000000${ids++}`,
    now: () => new Date('2026-03-01T09:30:00.000Z'),
    sender: async () => sender,
  });
  const sender = createSender({
    collector: demoEndpoints.collector,
    gate: (endpoint) => maySend(endpoint, consent.snapshot.get()),
    store,
  });
  return { consent, sender, preferences };
}

describe('consent receipts', () => {
  it('posts the receipt of accept-all with the hash of the texts shown and nothing else', async () => {
    const { consent, sender } = setup();
    await consent.decide('accept', { analytics: true, marketing: true }, shown);
    expect(received).toEqual([
      {
        path: '/v1/consent',
        body: {
          id: '00000000-0000-4000-8000-000000000000',
          site: 'acme-se',
          policyVersion: '2026-01',
          purposes: { analytics: true, marketing: true },
          decidedAt: '2026-03-01T09:30:00.000Z',
          method: 'accept',
          locale: 'sv',
          textHash: await hashConsentTexts(shown),
        },
      },
    ]);
    expect(await sender.pending()).toEqual([]);
    sender.dispose();
  });

  it('posts reject, custom and withdrawal receipts, each with its own id', async () => {
    const { consent, sender } = setup();
    await consent.decide('custom', { analytics: true, marketing: false }, shown);
    await consent.decide('withdraw', { analytics: true, marketing: true }, shown);
    await consent.decide('reject', { analytics: true, marketing: true }, shown);
    expect(received.map(({ body }) => body)).toMatchObject([
      { method: 'custom', purposes: { analytics: true, marketing: false } },
      { method: 'withdraw', purposes: { analytics: false, marketing: false } },
      { method: 'reject', purposes: { analytics: false, marketing: false } },
    ]);
    expect(new Set(received.map(({ body }) => (body as { id: string }).id)).size).toBe(3);
    sender.dispose();
  });

  it('keeps each receipt locally for the export', async () => {
    const { consent, sender } = setup();
    await consent.decide('accept', { analytics: true, marketing: true }, shown);
    expect(await consent.receipts()).toEqual(received.map(({ body }) => body));
    sender.dispose();
  });

  it('keeps a receipt in the outbox while the collector is down', async () => {
    server.use(
      http.post(
        `${demoEndpoints.collector}/consent`,
        () => new HttpResponse(null, { status: 503 }),
      ),
    );
    const { consent, sender } = setup();
    await consent.decide('reject', { analytics: false, marketing: false }, shown);
    expect((await sender.pending()).map((item) => item.endpoint)).toEqual(['consent']);
    expect(consent.snapshot.get().method).toBe('reject');
    sender.dispose();
  });

  it('posts the erasure request with every consent id after wiping the local choice', async () => {
    const { consent, sender, preferences } = setup();
    await consent.decide('accept', { analytics: true, marketing: true }, shown);
    const data = createDataRegistry();
    data.register('consent', {
      export: () => null,
      erase: () => consent.erase(),
      erasureIds: async () => ({ consentIds: (await consent.receipts()).map((r) => r.id) }),
    });
    const outcome = await eraseVisitorData({
      site: 'acme-se',
      data,
      sender: async () => sender,
      newId: () => '00000000-0000-4000-8000-0000000000ee',
    });
    expect(outcome).toBe('sent');
    expect(received.at(-1)).toEqual({
      path: '/v1/erasure',
      body: {
        site: 'acme-se',
        visitorId: null,
        consentIds: ['00000000-0000-4000-8000-000000000000'],
        leadIds: [],
        conversationIds: [],
      },
    });
    expect(preferences.keys()).toEqual([]);
    expect(consent.snapshot.get().status).toBe('undecided');
    sender.dispose();
  });
});
