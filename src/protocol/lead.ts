/** `POST {collector}/leads`: a contact request the visitor submitted (contract §4). */
import { entityId, siteId, timestamp } from './common';
import { e164Pattern, orgnrPattern } from './regexes';
import { z } from './zod-setup';

/** The contact fields a site may ask for, in the order the form shows them. */
export const leadFieldNames = ['name', 'email', 'phone', 'orgnr'] as const;

/** One of the contact fields. */
export type LeadFieldName = (typeof leadFieldNames)[number];

/**
 * The normalised values. The wire shape checks the normalised form; the full
 * rules (Luhn, number plans) live in `fields/` and run before anything is sent.
 */
export const leadFields = z.strictObject({
  name: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  email: z.optional(z.string().check(z.maxLength(254), z.email())),
  phone: z.optional(z.string().check(z.regex(e164Pattern, 'must be E.164, like +46701234567'))),
  orgnr: z.optional(z.string().check(z.regex(orgnrPattern, 'must be NNNNNN-NNNN'))),
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
