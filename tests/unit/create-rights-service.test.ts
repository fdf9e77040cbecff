import { describe, expect, it } from 'vitest';
import { createEmitter } from '../../src/api/create-emitter';
import type { SamtalEvents } from '../../src/api/samtal-api';
import { createConsentService } from '../../src/consent/create-consent-service';
import { createDataRegistry } from '../../src/data/create-data-registry';
import { contactSection, readLeadRecords } from '../../src/leads/lead-records';
import { submitLead } from '../../src/leads/submit-lead';
import { createSender } from '../../src/net/create-sender';
import { rightsRequest } from '../../src/protocol/rights';
import { createRightsService } from '../../src/rights/create-rights-service';
import { createKeyValueStore } from '../../src/storage/create-key-value-store';
import { createPreferenceStore } from '../../src/storage/create-preference-store';
import { memoryBackend } from './support/memory-backend';

const visitorId = '0b9c8f3e-6c1f-4f7a-9d55-0d2f3c4b5a69';
const leadId = '7b8c0d2e-1f3a-4b5c-8d9e-0a1b2c3d4e5f';

function setup({
  online = true,
  status = 201,
  fields = ['name', 'email', 'phone'] as const,
  now = '2026-03-01T09:30:00.000Z',
} = {}) {
  const posted: { endpoint: string; body: Record<string, unknown> }[] = [];
  const store = createKeyValueStore('acme-se', null);
  const sender = createSender({
    collector: 'https://collect.example.se/v1',
    gate: () => true,
    store,
    fetch: async (url, init) => {
      if (!online) throw new TypeError('offline');
      posted.push({
        endpoint: String(url).split('/').at(-1) ?? '',
        body: JSON.parse(String(init?.body)),
      });
      return new Response(null, { status });
    },
    warn: () => {},
    onOnline: () => () => {},
    setTimer: () => null,
    clearTimer: () => {},
  });
  const preferences = createPreferenceStore('acme-se', memoryBackend());
  let ids = 0;
  const newId = () => `00000000-0000-4000-8000-${String(ids++).padStart(12, '0')}`;
  let clock = new Date(now);
  const consent = createConsentService({
    site: 'acme-se',
    locale: 'sv',
    preferences,
    policyVersion: '1',
    globalPrivacyControl: false,
    newId,
    now: () => clock,
    hashTexts: async () => 'a'.repeat(64),
    sender: async () => sender,
  });
  const data = createDataRegistry();
  data.register('contact', contactSection(store));
  data.register('consent', {
    export: () => null,
    erase: () => {},
    erasureIds: async () => ({ consentIds: (await consent.receipts()).map(({ id }) => id) }),
  });
  data.register('telemetry', {
    export: () => null,
    erase: () => {},
    erasureIds: () => ({ visitorId }),
  });
  const emitter = createEmitter<SamtalEvents>();
  const events: SamtalEvents['rights'][] = [];
  emitter.on('rights', (event) => events.push(event));
  const rights = createRightsService({
    config: { site: 'acme-se', fields, allowPersonnummer: false },
    consent,
    preferences,
    data,
    services: async () => ({ store, sender }),
    emitter,
    newId,
    now: () => clock,
  });
  const sendLead = (leadFields = { name: 'Åsa Öberg', email: 'asa@exempel.se' }) =>
    submitLead({
      site: 'acme-se',
      fields: leadFields,
      consent: consent.snapshot.get(),
      sender,
      store,
      newId: () => leadId,
      now: () => clock,
    });
  const rightsPosts = () => posted.filter(({ endpoint }) => endpoint === 'rights');
  const setClock = (iso: string) => {
    clock = new Date(iso);
  };
  return {
    rights,
    consent,
    preferences,
    store,
    sender,
    posted,
    rightsPosts,
    events,
    sendLead,
    setClock,
  };
}

describe('rectify', () => {
  it('sends the corrected fields, normalised, for the leads sent, in the contract shape', async () => {
    const { rights, sendLead, rightsPosts, events } = setup();
    await sendLead();
    const result = await rights.rectify({ email: ' Asa.Oberg@Exempel.SE ' });
    const [post] = rightsPosts();
    expect(post?.body).toEqual({
      id: result.id,
      site: 'acme-se',
      kind: 'rectify',
      visitorId,
      consentIds: [],
      leadIds: [leadId],
      submittedAt: '2026-03-01T09:30:00.000Z',
      changes: { email: 'Asa.Oberg@exempel.se' },
    });
    expect(rightsRequest.safeParse(post?.body).success).toBe(true);
    expect(result).toMatchObject({
      kind: 'rectify',
      deadline: '2026-04-01T09:30:00.000Z',
      delivery: 'sent',
      changes: { email: 'Asa.Oberg@exempel.se' },
    });
    expect(events).toEqual([
      { id: result.id, kind: 'rectify', submittedAt: '2026-03-01T09:30:00.000Z' },
    ]);
  });

  it('corrects the visitor’s own copy of the lead and records the request for their export', async () => {
    const { rights, sendLead, store } = setup();
    await sendLead();
    await rights.rectify({ email: 'asa.oberg@exempel.se' });
    expect((await readLeadRecords(store)).leads).toEqual([
      {
        id: leadId,
        submittedAt: '2026-03-01T09:30:00.000Z',
        fields: { name: 'Åsa Öberg', email: 'asa.oberg@exempel.se' },
        correctedAt: '2026-03-01T09:30:00.000Z',
      },
    ]);
    expect((await rights.section.export()).requests).toEqual([
      expect.objectContaining({ kind: 'rectify', changes: { email: 'asa.oberg@exempel.se' } }),
    ]);
  });

  it.each([
    [{ email: 'asa@' }, 'email', 'email-invalid'],
    [{ phone: '070-123 45 67' }, 'phone', 'not-sent'],
    [{ orgnr: '556703-7485' }, 'orgnr', 'not-asked'],
    [{}, null, 'empty'],
  ])(
    'rejects %j with the field and the reason, and sends nothing',
    async (changes, field, reason) => {
      const { rights, sendLead, rightsPosts, store } = setup();
      await sendLead();
      await expect(rights.rectify(changes)).rejects.toMatchObject({
        name: 'SamtalInputError',
        field,
        reason,
      });
      expect(rightsPosts()).toEqual([]);
      expect((await rights.section.export()).requests).toEqual([]);
      expect((await readLeadRecords(store)).leads[0]?.fields).toEqual({
        name: 'Åsa Öberg',
        email: 'asa@exempel.se',
      });
    },
  );

  it('rejects a correction when nothing was sent to correct', async () => {
    const { rights, rightsPosts } = setup();
    await expect(rights.rectify({ email: 'asa@exempel.se' })).rejects.toMatchObject({
      field: null,
      reason: 'no-lead',
      message: expect.stringContaining('nothing to correct'),
    });
    expect(rightsPosts()).toEqual([]);
  });

  it('sends a lead still waiting in the outbox with the corrected values', async () => {
    const { rights, sendLead, sender } = setup({ online: false });
    await sendLead();
    const result = await rights.rectify({ email: 'asa.oberg@exempel.se' });
    expect(result.delivery).toBe('queued');
    const pending = await sender.pending();
    expect(pending.map((item) => item.endpoint)).toEqual(['leads', 'rights']);
    expect(pending[0]?.body).toMatchObject({
      id: leadId,
      fields: { name: 'Åsa Öberg', email: 'asa.oberg@exempel.se' },
    });
  });
});

describe('restrict', () => {
  it('withdraws consent as a pause in the same task, before the request is sent', async () => {
    const { rights, consent, rightsPosts } = setup();
    await consent.decide('accept', { analytics: true, marketing: true }, []);
    const request = rights.restrict(['Pausa']);
    // Synchronously: telemetry follows this snapshot and stops now.
    expect(consent.snapshot.get()).toMatchObject({
      method: 'withdraw',
      purposes: { analytics: false, marketing: false },
    });
    const result = await request;
    expect(consent.record()?.until).toBe('2026-04-01T09:30:00.000Z');
    expect(result).toMatchObject({ kind: 'restrict', until: '2026-04-01T09:30:00.000Z' });
    expect(rightsPosts().map(({ body }) => body.kind)).toEqual(['restrict']);
  });

  it('pauses a visitor who never decided too, and a host’s consent tool cannot undo it', async () => {
    const { rights, consent } = setup();
    await rights.restrict();
    expect(consent.snapshot.get()).toMatchObject({ status: 'decided', method: 'withdraw' });
    await consent.set({ analytics: true, marketing: true });
    expect(consent.snapshot.get().purposes).toMatchObject({ analytics: false, marketing: false });
  });

  it('names every id the collector may hold, including the withdrawal’s receipt', async () => {
    const { rights, consent, sendLead, rightsPosts } = setup();
    await consent.decide('accept', { analytics: true, marketing: true }, []);
    await sendLead();
    await rights.restrict();
    expect(rightsPosts()[0]?.body).toMatchObject({
      kind: 'restrict',
      visitorId,
      consentIds: ['00000000-0000-4000-8000-000000000000', '00000000-0000-4000-8000-000000000001'],
      leadIds: [leadId],
    });
    expect(rightsPosts()[0]?.body).not.toHaveProperty('changes');
  });
});

describe('a request the collector refuses', () => {
  it('rejects, keeps no record and emits nothing', async () => {
    const { rights, events } = setup({ status: 404 });
    await expect(rights.object()).rejects.toThrow(/refused/);
    expect(events).toEqual([]);
    expect((await rights.section.export()).requests).toEqual([]);
    // The visitor's no still holds in the browser.
    expect(rights.objectedAt()).toBe('2026-03-01T09:30:00.000Z');
  });
});

describe('object', () => {
  it('turns marketing off at once, keeps analytics, and remembers the objection', async () => {
    const { rights, consent, rightsPosts } = setup();
    await consent.decide('accept', { analytics: true, marketing: true }, []);
    const request = rights.object(['Ingen marknadsföring']);
    expect(consent.snapshot.get().purposes).toMatchObject({ analytics: true, marketing: false });
    await request;
    expect(rights.objectedAt()).toBe('2026-03-01T09:30:00.000Z');
    expect(rightsPosts().map(({ body }) => body.kind)).toEqual(['object']);
  });

  it('keeps marketing off when accept-all or a host’s tool would grant it later', async () => {
    const { rights, consent } = setup();
    await rights.object();
    await consent.set({ analytics: true, marketing: true });
    expect(consent.snapshot.get().purposes).toMatchObject({ analytics: true, marketing: false });
    await consent.decide('accept', { analytics: true, marketing: true }, []);
    expect(consent.snapshot.get().purposes.marketing).toBe(false);
    await consent.decide('custom', { analytics: true, marketing: true }, []);
    expect(consent.snapshot.get().purposes.marketing).toBe(true);
  });

  it('is forgotten with the rest on erasure', async () => {
    const { rights } = setup();
    await rights.object();
    await rights.section.erase();
    expect(await rights.section.export()).toEqual({ requests: [], marketingObjectedAt: null });
  });
});
