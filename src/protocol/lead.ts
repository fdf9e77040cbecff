/** `POST {collector}/leads`: a contact request the visitor submitted (contract §4). */
import type { FieldResult } from '../fields/field-result';
import { parseEmail } from '../fields/parse-email';
import { parseName } from '../fields/parse-name';
import { parseOrgnr } from '../fields/parse-orgnr';
import { parsePhone } from '../fields/parse-phone';
import { entityId, siteId, timestamp } from './common';
import { e164Pattern, orgnrPattern } from './regexes';
import { z } from './zod-setup';

/** The contact fields a site may ask for, in the order the form shows them. */
export const leadFieldNames = ['name', 'email', 'phone', 'orgnr'] as const;

/** One of the contact fields. */
export type LeadFieldName = (typeof leadFieldNames)[number];

/**
 * A value is accepted only in the exact form its field rule produces, so the
 * collector checks what the form checked (Luhn, number plans, NFC) with the
 * same code, and a client that skipped the form cannot send `070-123 45 67`.
 */
function isNormalisedBy(parse: (input: string) => FieldResult<string, string>) {
  return (value: string): boolean => {
    const result = parse(value);
    return result.success && result.data === value;
  };
}

/**
 * The normalised values. The regexes document the shape (and survive the JSON
 * Schema export); the refinements run the full field rules. The collector
 * cannot know a site's `allowPersonnummer`, so it accepts a sole trader's
 * number; the form refuses one unless the site allows it.
 */
export const leadFields = z.strictObject({
  name: z.optional(
    z
      .string()
      .check(
        z.minLength(1),
        z.maxLength(100),
        z.refine(isNormalisedBy(parseName), 'must be a normalised name'),
      ),
  ),
  email: z.optional(
    z
      .string()
      .check(
        z.maxLength(254),
        z.email(),
        z.refine(isNormalisedBy(parseEmail), 'must be a normalised email address'),
      ),
  ),
  phone: z.optional(
    z
      .string()
      .check(
        z.maxLength(16),
        z.regex(e164Pattern, 'must be E.164, like +46701234567'),
        z.refine(isNormalisedBy(parsePhone), 'must be a plausible phone number in E.164'),
      ),
  ),
  orgnr: z.optional(
    z.string().check(
      z.maxLength(11),
      z.regex(orgnrPattern, 'must be NNNNNN-NNNN'),
      z.refine(
        isNormalisedBy((value) => parseOrgnr(value, { allowPersonnummer: true })),
        'must be an organisation number with a valid check digit',
      ),
    ),
  ),
});

/** The lead; `consentId` only when the visitor granted marketing. */
export const lead = z.strictObject({
  id: entityId,
  site: siteId,
  submittedAt: timestamp,
  consentId: z.optional(entityId),
  fields: leadFields,
});

export type LeadFields = z.infer<typeof leadFields>;
export type Lead = z.infer<typeof lead>;
