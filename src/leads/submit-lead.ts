/**
 * Sends a contact request to `{collector}/leads` (contract §4) through the
 * one sender's durable outbox: stored until the collector has it, retried,
 * and sent on a later page if this one closes. `consentId` rides along only
 * while the visitor has granted marketing, which is what links a visit to a
 * lead; the lead is never part of telemetry.
 */
import type { ConsentSnapshot } from '../api/samtal-api';
import type { Sender } from '../net/create-sender';
import {
  type Lead,
  type LeadBotCheck,
  type LeadFields,
  lead as leadSchema,
} from '../protocol/lead';
import type { KeyValueStore } from '../storage/create-key-value-store';
import { recordSentLead } from './lead-records';

export interface SubmitLeadOptions {
  site: string;
  fields: LeadFields;
  /** What the form saw of who filled it in, when it checked (contract §4). */
  botCheck?: LeadBotCheck | undefined;
  consent: ConsentSnapshot;
  sender: Sender;
  store: KeyValueStore;
  newId?: () => string;
  now?: () => Date;
}

/** Resolves `sent` once the collector stored it, `queued` when it waits in the outbox. */
export async function submitLead(
  options: SubmitLeadOptions,
): Promise<{ id: string; outcome: 'sent' | 'queued' }> {
  const { site, fields, consent, sender, store } = options;
  const id = (options.newId ?? (() => crypto.randomUUID()))();
  const marketing =
    consent.status === 'decided' && consent.purposes.marketing && consent.id !== null;
  const body: Lead = {
    id,
    site,
    submittedAt: (options.now ?? (() => new Date()))().toISOString(),
    ...(marketing && consent.id !== null ? { consentId: consent.id } : {}),
    fields,
    ...(options.botCheck !== undefined ? { botCheck: options.botCheck } : {}),
  };
  // Our own output, but checked all the same: a lead the collector would
  // refuse must fail here, at the form, not silently in the outbox.
  leadSchema.parse(body);
  await sender.deliver('leads', id, body);
  await recordSentLead(store, body);
  const waiting = (await sender.pending()).some((item) => item.id === id);
  return { id, outcome: waiting ? 'queued' : 'sent' };
}
