import { describe, expect, it } from 'vitest';
import type { ConsentSnapshot } from '../../src/api/samtal-api';
import { eraseLeadRecords, readLeadRecords, saveLeadDraft } from '../../src/leads/lead-records';
import { submitLead } from '../../src/leads/submit-lead';
import { createSender } from '../../src/net/create-sender';
import { createKeyValueStore } from '../../src/storage/create-key-value-store';

const consentId = '4f1f2a9e-5d0b-4a57-9c2e-0b7f4c6f1e11';
const leadId = '7b8c0d2e-1f3a-4b5c-8d9e-0a1b2c3d4e5f';

function consent(marketing: boolean): ConsentSnapshot {
  return {
    status: 'decided',
    purposes: { necessary: true, analytics: true, marketing },
    id: consentId,
    decidedAt: '2026-11-25T10:00:00.000Z',
    method: 'custom',
    policyVersion: '1',
    globalPrivacyControl: false,
  };
}

function setup(
  answer: () => Promise<Response>,
  warn: (message: string) => void = (message) => {
    throw new Error(message);
  },
) {
  const bodies: unknown[] = [];
  const store = createKeyValueStore('acme', null);
  const timers: (() => void)[] = [];
  const sender = createSender({
    warn,
    collector: 'https://collect.example.se/v1',
    gate: () => true,
    store,
    fetch: async (_url, init) => {
      bodies.push(JSON.parse(String(init?.body)));
      return answer();
    },
    onOnline: () => () => {},
    setTimer: (run) => {
      timers.push(run);
      return null;
    },
    clearTimer: () => {},
  });
  const send = (marketing: boolean, botCheck?: { fillMs: number }) =>
    submitLead({
      site: 'acme',
      fields: { name: 'Åsa Öberg', email: 'asa@exempel.se' },
      botCheck,
      consent: consent(marketing),
      sender,
      store,
      newId: () => leadId,
      now: () => new Date('2026-11-25T10:05:00.000Z'),
    });
  return { bodies, store, sender, send, timers };
}

describe('submitting a lead', () => {
  it('sends the form’s bot check with the lead', async () => {
    const { bodies, send } = setup(async () => new Response(null, { status: 201 }));
    await send(false, { fillMs: 4_200 });
    expect(bodies).toEqual([expect.objectContaining({ botCheck: { fillMs: 4_200 } })]);
  });

  it('never retries a lead the collector refuses as a suspected bot', async () => {
    const warnings: string[] = [];
    const { bodies, send, sender, timers } = setup(
      async () => Response.json({ code: 'suspected-bot', message: 'too fast' }, { status: 422 }),
      (message) => {
        warnings.push(message);
      },
    );
    await send(false, { fillMs: 100 });
    expect(await sender.pending()).toEqual([]);
    // Nothing is left to try again, now or later.
    for (const run of timers.splice(0)) run();
    await sender.resume();
    expect(bodies).toHaveLength(1);
    expect(warnings).toEqual([expect.stringContaining('HTTP 422')]);
  });

  it('posts exactly the contract shape, without consentId when marketing is not granted', async () => {
    const { bodies, send } = setup(async () => new Response(null, { status: 201 }));
    await expect(send(false)).resolves.toEqual({ id: leadId, outcome: 'sent' });
    expect(bodies).toEqual([
      {
        id: leadId,
        site: 'acme',
        submittedAt: '2026-11-25T10:05:00.000Z',
        fields: { name: 'Åsa Öberg', email: 'asa@exempel.se' },
      },
    ]);
  });

  it('links the lead to the consent only when marketing is granted', async () => {
    const { bodies, send } = setup(async () => new Response(null, { status: 201 }));
    await send(true);
    expect(bodies[0]).toMatchObject({ consentId });
  });

  it('keeps the lead in the outbox when offline and says it is queued', async () => {
    const { send, sender } = setup(() => Promise.reject(new TypeError('offline')));
    await expect(send(false)).resolves.toEqual({ id: leadId, outcome: 'queued' });
    expect((await sender.pending()).map((item) => item.id)).toEqual([leadId]);
  });

  it('forgets the draft and keeps the lead with its values once sent, for the visitor’s copy', async () => {
    const { send, store } = setup(async () => new Response(null, { status: 201 }));
    await saveLeadDraft(store, { name: 'Åsa' });
    expect((await readLeadRecords(store)).draft).toEqual({ name: 'Åsa' });
    await send(false);
    expect(await readLeadRecords(store)).toEqual({
      draft: null,
      leadIds: [leadId],
      leads: [
        {
          id: leadId,
          submittedAt: '2026-11-25T10:05:00.000Z',
          fields: { name: 'Åsa Öberg', email: 'asa@exempel.se' },
        },
      ],
    });
    await eraseLeadRecords(store);
    expect(await readLeadRecords(store)).toEqual({ draft: null, leadIds: [], leads: [] });
  });

  it('keeps the ids of leads sent before values were kept, without values', async () => {
    const { send, store } = setup(async () => new Response(null, { status: 201 }));
    const older = '11111111-2222-4333-8444-555555555555';
    await store.set('lead-ids', [older]);
    await send(false);
    const records = await readLeadRecords(store);
    expect(records.leadIds).toEqual([older, leadId]);
    expect(records.leads[0]).toEqual({ id: older });
    expect(await store.keys()).not.toContain('lead-ids');
  });
});
