/**
 * Reads the decision stored in localStorage (`samtal:{site}:consent`,
 * contract §10), on every page before a click. Checked by hand, not with
 * zod, because the boot carries no schema library (issue 15, item 9). A
 * value without exactly this shape counts as no decision, so the banner
 * asks again rather than act on something it cannot read; keys it does not
 * know are left out, as zod's `object` does.
 */
import type { ConsentMethod, ConsentPurposes } from '../protocol/consent-choice';
import { consentMethods } from '../protocol/consent-methods';
import type { StoredValueSchema } from '../storage/create-preference-store';
import type { ConsentRecord } from './consent-rules';

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Exactly `{ analytics, marketing }`, both booleans: nothing else may have been granted. */
function readPurposes(value: unknown): ConsentPurposes | null {
  if (!isObject(value)) return null;
  const { analytics, marketing, ...rest } = value;
  if (typeof analytics !== 'boolean' || typeof marketing !== 'boolean') return null;
  return Object.keys(rest).length === 0 ? { analytics, marketing } : null;
}

const isMethod = (value: unknown): value is ConsentMethod =>
  (consentMethods as readonly unknown[]).includes(value);

export const storedConsentRecord: StoredValueSchema<ConsentRecord> = {
  safeParse(value) {
    if (!isObject(value)) return { success: false };
    const { id, decidedAt, policyVersion, method, until } = value;
    const purposes = readPurposes(value.purposes);
    if (
      typeof id !== 'string' ||
      typeof decidedAt !== 'string' ||
      typeof policyVersion !== 'string' ||
      !isMethod(method) ||
      purposes === null ||
      // A paused withdrawal's end (the right to restriction, GDPR art. 18).
      (until !== undefined && typeof until !== 'string')
    ) {
      return { success: false };
    }
    const record: ConsentRecord = { id, purposes, decidedAt, policyVersion, method };
    if (until !== undefined) record.until = until;
    return { success: true, data: record };
  },
};
