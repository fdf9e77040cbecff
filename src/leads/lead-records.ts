/**
 * What the widget keeps locally about contact requests: the visitor's
 * unfinished draft and the ids of the leads they sent (for the right of
 * access and for the erasure request, which names them). Never the values
 * of a sent lead: once the collector has them, the browser need not.
 */
import { fieldNames } from '../config/allowed-values';
import { entityId } from '../protocol/common';
import { z } from '../protocol/zod-setup';
import type { KeyValueStore } from '../storage/create-key-value-store';

const draftKey = 'lead-draft';
const leadIdsKey = 'lead-ids';

/** A draft: raw text per field, as typed. */
export const leadDraft = z.partialRecord(z.enum(fieldNames), z.string().check(z.maxLength(500)));

export type LeadDraft = z.infer<typeof leadDraft>;

const leadIds = z.array(entityId);

export interface LeadRecords {
  draft: LeadDraft | null;
  leadIds: string[];
}

export async function readLeadRecords(store: KeyValueStore): Promise<LeadRecords> {
  return {
    draft: (await store.get(draftKey, leadDraft)) ?? null,
    leadIds: (await store.get(leadIdsKey, leadIds)) ?? [],
  };
}

export async function saveLeadDraft(store: KeyValueStore, draft: LeadDraft): Promise<void> {
  const hasText = Object.values(draft).some((value) => value.trim() !== '');
  if (hasText) await store.set(draftKey, draft);
  else await store.delete(draftKey);
}

/** After a submit: the draft is gone and the lead's id remembered. */
export async function recordSentLead(store: KeyValueStore, id: string): Promise<void> {
  const known = (await store.get(leadIdsKey, leadIds)) ?? [];
  await store.set(leadIdsKey, [...known.filter((known) => known !== id), id]);
  await store.delete(draftKey);
}

export async function eraseLeadRecords(store: KeyValueStore): Promise<void> {
  await store.delete(draftKey);
  await store.delete(leadIdsKey);
}
