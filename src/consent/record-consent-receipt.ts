/**
 * Receipts of consent decisions: made, kept in the browser for the visitor's
 * export, and handed to the sender's durable outbox for `{collector}/consent`.
 * A lazy chunk, loaded on the first decision: a page where the visitor has
 * already decided, or does nothing, never loads it.
 */
import type { Locale } from '../protocol/common';
import { consentMethod, consentPurposes } from '../protocol/consent-choice';
import type { ConsentReceipt } from '../protocol/consent-receipt';
import { z } from '../protocol/zod-setup';
import type { PreferenceStore } from '../storage/create-preference-store';
import { eachValid } from '../storage/each-valid';
import type { ConsentRecord } from './consent-rules';
import { hashConsentTexts } from './hash-consent-texts';

/**
 * Receipts as this widget wrote them. Checked for shape only: the full wire
 * schema (id, date and hash patterns) would pull zod's format checks into the
 * code every page loads, and the collector checks those anyway.
 */
/** Enough receipts to prove every recent decision; a visitor cannot fill storage by clicking. */
const receiptsKept = 50;

// Read one by one: a receipt that no longer fits is dropped alone, never the
// visitor's whole record of what they decided.
const storedReceipts = eachValid(
  z.object({
    id: z.string(),
    site: z.string(),
    policyVersion: z.string(),
    purposes: consentPurposes,
    decidedAt: z.string(),
    method: consentMethod,
    locale: z.enum(['sv', 'en']),
    textHash: z.string(),
  }),
  receiptsKept,
);
const receiptsKey = 'consent-receipts';

/** The one part of the sender receipts need. */
export interface ReceiptSender {
  deliver(endpoint: 'consent', id: string, body: ConsentReceipt): Promise<unknown>;
}

export interface RecordReceiptOptions {
  site: string;
  locale: Locale;
  preferences: PreferenceStore;
  record: ConsentRecord;
  /** The exact texts the visitor was shown, in order. */
  shownTexts: readonly string[];
  sender(): Promise<ReceiptSender>;
  hashTexts?: (texts: readonly string[]) => Promise<string>;
}

/** The receipts kept in this browser, oldest first. */
export function readConsentReceipts(preferences: PreferenceStore): ConsentReceipt[] {
  return preferences.get(receiptsKey, storedReceipts) ?? [];
}

/** Forgets every kept receipt (the visitor's erasure). */
export function forgetConsentReceipts(preferences: PreferenceStore): void {
  preferences.delete(receiptsKey);
}

/** Makes the receipt of `record`, keeps a copy and hands it to the outbox. */
export async function recordConsentReceipt({
  site,
  locale,
  preferences,
  record,
  shownTexts,
  sender,
  hashTexts = (texts) => hashConsentTexts(texts),
}: RecordReceiptOptions): Promise<ConsentReceipt> {
  const receipt: ConsentReceipt = {
    id: record.id,
    site,
    policyVersion: record.policyVersion,
    purposes: record.purposes,
    decidedAt: record.decidedAt,
    method: record.method,
    locale,
    textHash: await hashTexts(shownTexts),
  };
  preferences.set(receiptsKey, [...readConsentReceipts(preferences), receipt].slice(-receiptsKept));
  await (await sender()).deliver('consent', receipt.id, receipt);
  return receipt;
}
