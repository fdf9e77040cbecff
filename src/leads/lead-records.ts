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
import { eachValid, eachValidField } from '../storage/each-valid';

const draftKey = 'lead-draft';
const leadIdsKey = 'lead-ids';

/** The most a draft keeps of one field; more is no contact detail, and it is cut on save. */
export const maxDraftFieldLength = 500;

/**
 * A draft: raw text per field, as typed. Read field by field, so one value
 * that no longer fits costs that field only, never the rest of the draft.
 */
export const leadDraft = eachValidField(
  fieldNames,
  z.string().check(z.maxLength(maxDraftFieldLength)),
);

export type LeadDraft = z.infer<typeof leadDraft>;

// Read id by id: an erasure request must still name every lead it can.
const leadIds = eachValid(entityId, 1_000);

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
  // Never store what could not be read back.
  const kept: LeadDraft = {};
  for (const name of fieldNames) {
    const value = draft[name];
    if (value !== undefined) kept[name] = value.slice(0, maxDraftFieldLength);
  }
  const hasText = Object.values(kept).some((value) => value.trim() !== '');
  if (hasText) await store.set(draftKey, kept);
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
