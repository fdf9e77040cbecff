/**
 * Stored lists are read item by item: one item that no longer fits its
 * schema is dropped on its own and never takes the others with it.
 */
import { describe, expect, it } from 'vitest';
import { readConsentReceipts } from '../../src/consent/record-consent-receipt';
import {
  maxDraftFieldLength,
  readLeadRecords,
  recordSentLead,
  saveLeadDraft,
} from '../../src/leads/lead-records';
import { createSender } from '../../src/net/create-sender';
import { createKeyValueStore } from '../../src/storage/create-key-value-store';
import { createPreferenceStore } from '../../src/storage/create-preference-store';

const leadId = '8a1e2d7c-5b4f-4a3e-8c2d-1f0e9d8c7b6a';
const otherLeadId = '3f0c7f4e-3d5b-4c1e-9a57-2b6f1c9d8e01';

describe('one bad stored item is dropped on its own', () => {
  it('in the outbox: the other pending requests are still sent', async () => {
    const store = createKeyValueStore('acme', null);
    await store.set('outbox', [
      { id: 'r1', endpoint: 'consent', body: { a: 1 }, attempts: 0, nextAt: 0 },
      { id: 'r2', endpoint: 'telemetry-of-the-future', body: {}, attempts: 0, nextAt: 0 },
      'garbage',
      { id: 'l1', endpoint: 'leads', body: { b: 2 }, attempts: 'many', nextAt: 0 },
      { id: 'e1', endpoint: 'erasure', body: { c: 3 }, attempts: 1, nextAt: 0 },
    ]);
    const posted: string[] = [];
    const sender = createSender({
      collector: 'https://collect.example.se/v1',
      gate: () => true,
      store,
      fetch: async (url) => {
        posted.push(String(url));
        return new Response(null, { status: 204 });
      },
      onOnline: () => () => {},
      sendBeacon: null,
      setTimer: () => null,
      clearTimer: () => {},
    });
    expect((await sender.pending()).map((item) => item.id)).toEqual(['r1', 'e1']);
    await sender.resume();
    expect(posted).toEqual([
      'https://collect.example.se/v1/consent',
      'https://collect.example.se/v1/erasure',
    ]);
    sender.dispose();
  });

  it('in the ids of sent leads: an erasure can still name the others', async () => {
    const store = createKeyValueStore('acme', null);
    await store.set('lead-ids', [leadId, 'not-an-id', 42]);
    expect((await readLeadRecords(store)).leadIds).toEqual([leadId]);
    await recordSentLead(store, {
      id: otherLeadId,
      submittedAt: '2026-03-01T10:00:00.000Z',
      fields: { email: 'asa@exempel.se' },
    });
    expect((await readLeadRecords(store)).leadIds).toEqual([leadId, otherLeadId]);
  });

  it('in the leads sent with their values: one that no longer reads costs that lead only', async () => {
    const store = createKeyValueStore('acme', null);
    const kept = { id: leadId, submittedAt: '2026-03-01T10:00:00.000Z', fields: { name: 'Åsa' } };
    await store.set('sent-leads', [{ id: 'not-an-id' }, kept, { id: otherLeadId, fields: 7 }]);
    const records = await readLeadRecords(store);
    expect(records.leadIds).toEqual([leadId]);
    expect(records.leads).toEqual([kept]);
  });

  it('in a contact-form draft: the other fields survive, and no field is stored too long to read', async () => {
    const store = createKeyValueStore('acme', null);
    await store.set('lead-draft', { name: 'Åsa', email: 'x'.repeat(600), phone: 7, extra: 'y' });
    expect((await readLeadRecords(store)).draft).toEqual({ name: 'Åsa' });
    await saveLeadDraft(store, { name: 'Å'.repeat(800), email: 'asa@exempel.se' });
    expect((await readLeadRecords(store)).draft).toEqual({
      name: 'Å'.repeat(maxDraftFieldLength),
      email: 'asa@exempel.se',
    });
  });

  it('in the kept consent receipts: the visitor’s export keeps the others', () => {
    const preferences = createPreferenceStore('acme', null);
    const receipt = {
      id: leadId,
      site: 'acme',
      policyVersion: '2026-01',
      purposes: { analytics: true, marketing: false },
      decidedAt: '2026-03-01T10:00:00.000Z',
      method: 'custom',
      locale: 'sv',
      textHash: 'a'.repeat(64),
    };
    preferences.set('consent-receipts', [receipt, { ...receipt, method: 'telepathy' }, null]);
    expect(readConsentReceipts(preferences)).toEqual([receipt]);
  });
});
