/**
 * What the widget keeps locally about contact requests: the visitor's
 * unfinished draft, and each lead they sent with its values. The values stay
 * in the browser until the visitor erases them, so their copy of the data
 * (`data.export()`, GDPR art. 15 and 20) shows what they sent, the erasure
 * request can name the leads, and "Correct my details" starts from what was
 * last sent (art. 16).
 */
import { fieldNames } from '../config/allowed-values';
import type { DataSection } from '../data/create-data-registry';
import { entityId } from '../protocol/common';
import type { LeadFields } from '../protocol/lead';
import { z } from '../protocol/zod-setup';
import type { KeyValueStore } from '../storage/create-key-value-store';
import { eachValid, eachValidField } from '../storage/each-valid';

const draftKey = 'lead-draft';
const sentLeadsKey = 'sent-leads';
/** Before lead values were kept, only the ids were, under this key; read and migrated. */
const legacyLeadIdsKey = 'lead-ids';

/** Most leads remembered: as many as an erasure request can name. */
const maxSentLeads = 1000;

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

/** Stored values are our own output; a shape check is enough to read them back. */
const storedFields = z.partialRecord(z.enum(fieldNames), z.string().check(z.maxLength(254)));

// Optional rather than nullable: every zod feature used in any chunk lands in
// the code every page loads, and `nullable` is used nowhere else in the widget.
const sentLeadSchema = z.object({
  id: entityId,
  /** Missing for a lead sent before values were kept. */
  submittedAt: z.optional(z.string()),
  fields: z.optional(storedFields),
  /** When the visitor last corrected it from this browser. */
  correctedAt: z.optional(z.string()),
});

/** One lead as this browser remembers it. */
export type SentLead = z.infer<typeof sentLeadSchema>;

// Read item by item: one lead that no longer reads costs that lead, and an
// erasure request must still name every lead it can.
const sentLeads = eachValid(sentLeadSchema, maxSentLeads);
const legacyLeadIds = eachValid(entityId, maxSentLeads);

/** Everything about contact requests that `data.export()` shows under `contact`. */
export interface LeadRecords {
  draft: LeadDraft | null;
  /** Ids of the leads sent, oldest first (also in `leads`; kept for scripts that read them). */
  leadIds: string[];
  /** The leads sent, oldest first, with the values as last sent or corrected. */
  leads: SentLead[];
}

async function readSentLeads(store: KeyValueStore): Promise<SentLead[]> {
  const legacy = (await store.get(legacyLeadIdsKey, legacyLeadIds)) ?? [];
  const current = (await store.get(sentLeadsKey, sentLeads)) ?? [];
  return mergeLegacy(legacy, current);
}

function mergeLegacy(legacy: readonly string[], current: readonly SentLead[]): SentLead[] {
  const known = new Set(current.map((lead) => lead.id));
  return [...legacy.filter((id) => !known.has(id)).map((id) => ({ id })), ...current];
}

export async function readLeadRecords(store: KeyValueStore): Promise<LeadRecords> {
  const leads = await readSentLeads(store);
  return {
    draft: (await store.get(draftKey, leadDraft)) ?? null,
    leadIds: leads.map((lead) => lead.id),
    leads,
  };
}

/** The newest lead whose values are known: what "Correct my details" starts from. */
export function latestKnownLead(records: LeadRecords): (SentLead & { fields: LeadFields }) | null {
  for (let index = records.leads.length - 1; index >= 0; index--) {
    const lead = records.leads[index];
    if (lead?.fields) return { ...lead, fields: lead.fields };
  }
  return null;
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

/** After a submit: the draft is gone and the lead remembered with its values. */
export async function recordSentLead(
  store: KeyValueStore,
  lead: { id: string; submittedAt: string; fields: LeadFields },
): Promise<void> {
  const legacy = (await store.get(legacyLeadIdsKey, legacyLeadIds)) ?? [];
  // One transaction, so a lead sent from another tab at the same moment is not lost.
  await store.update(sentLeadsKey, sentLeads, (current) =>
    [
      ...mergeLegacy(legacy, current ?? []).filter((known) => known.id !== lead.id),
      { id: lead.id, submittedAt: lead.submittedAt, fields: { ...lead.fields } },
    ].slice(-maxSentLeads),
  );
  await store.delete(legacyLeadIdsKey);
  await store.delete(draftKey);
}

/**
 * A correction sent from this browser: the named leads take the new values,
 * as the collector applies them, so the visitor's copy matches what is held.
 */
export async function recordCorrection(
  store: KeyValueStore,
  leadIds: readonly string[],
  changes: LeadFields,
  correctedAt: string,
): Promise<void> {
  const named = new Set(leadIds);
  await store.update(sentLeadsKey, sentLeads, (current) =>
    current?.map((lead) =>
      named.has(lead.id) && lead.fields
        ? { ...lead, fields: { ...lead.fields, ...changes }, correctedAt }
        : lead,
    ),
  );
}

export async function eraseLeadRecords(store: KeyValueStore): Promise<void> {
  await store.delete(draftKey);
  await store.delete(sentLeadsKey);
  await store.delete(legacyLeadIdsKey);
}

/** The contact requests' part of `data.export()` (`contact`) and `.erase()`; the erasure request names the leads. */
export function contactSection(store: KeyValueStore): DataSection {
  return {
    export: () => readLeadRecords(store),
    erase: () => eraseLeadRecords(store),
    erasureIds: async () => ({ leadIds: (await readLeadRecords(store)).leadIds }),
  };
}
