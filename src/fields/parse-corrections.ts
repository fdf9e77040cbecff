/**
 * The rules for a correction of contact details (GDPR art. 16), the same as
 * the contact form's: each value goes through its field rule and comes out
 * normalised, only fields the site asks for (`data-fields`) are accepted, and
 * only fields the visitor actually sent, since a correction changes what is
 * held rather than collecting something new. Pure: the form, the API and the
 * tests share it.
 */
import type { FieldName } from '../config/config-schema';
import type { LeadFields } from '../protocol/lead';
import { type FieldError, parseField } from './parse-field';

/** Why a correction was refused, besides a field rule's own error. */
export type CorrectionReason =
  | FieldError
  /** `changes` is not an object of strings. */
  | 'not-an-object'
  /** The object names no field. */
  | 'empty'
  /** A key that is not a contact field. */
  | 'unknown-field'
  /** A field the site does not ask for (`data-fields`). */
  | 'not-asked'
  /** A field the visitor did not send, so there is nothing to correct. */
  | 'not-sent'
  /** A value that is not a string. */
  | 'not-text'
  /** A value longer than any field rule could accept. */
  | 'too-long';

/** The first problem found, in the form's field order, and the field it belongs to (`null`: the whole object). */
export interface CorrectionError {
  field: string | null;
  reason: CorrectionReason;
}

/** The result, in zod's shape. */
export type CorrectionResult =
  | { success: true; data: LeadFields }
  | { success: false; error: CorrectionError };

export interface CorrectionRules {
  /** The site's `data-fields`, in any order. */
  asked: readonly FieldName[];
  /** The fields of the lead being corrected; `null` when its values are not known (sent by an older version). */
  sent: readonly FieldName[] | null;
  /** As the form: a sole trader's personal identity number as organisation number. */
  allowPersonnummer: boolean;
}

const order: readonly FieldName[] = ['name', 'email', 'phone', 'orgnr'];

/** Longest raw value looked at; the field rules bound the normalised ones far lower. */
const maxInputLength = 500;

/** Parses `input` (`{ email: ' Anna@Exempel.SE ' }`) into normalised lead fields (`{ email: 'Anna@exempel.se' }`). */
export function parseCorrections(input: unknown, rules: CorrectionRules): CorrectionResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { success: false, error: { field: null, reason: 'not-an-object' } };
  }
  const entries = Object.entries(input);
  if (entries.length === 0) return { success: false, error: { field: null, reason: 'empty' } };
  for (const [key] of entries) {
    if (!(order as readonly string[]).includes(key)) {
      return { success: false, error: { field: key, reason: 'unknown-field' } };
    }
  }
  const fields: LeadFields = {};
  for (const name of order) {
    if (!Object.hasOwn(input, name)) continue;
    const value: unknown = (input as Record<string, unknown>)[name];
    const refuse = (reason: CorrectionReason) =>
      ({ success: false, error: { field: name, reason } }) as const;
    if (!rules.asked.includes(name)) return refuse('not-asked');
    if (rules.sent !== null && !rules.sent.includes(name)) return refuse('not-sent');
    if (typeof value !== 'string') return refuse('not-text');
    if (value.length > maxInputLength) return refuse('too-long');
    const result = parseField(name, value, {
      allowPersonnummer: rules.allowPersonnummer,
    });
    if (!result.success) return refuse(result.error);
    fields[name] = result.data;
  }
  return { success: true, data: fields };
}

/** The fields of `corrected` whose value differs from `current`: what a correction actually changes. */
export function changedFields(current: LeadFields, corrected: LeadFields): LeadFields {
  const changed: LeadFields = {};
  for (const name of order) {
    const value = corrected[name];
    if (value !== undefined && value !== current[name]) changed[name] = value;
  }
  return changed;
}
