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

/**
 * No person fills in a contact form and sends it within this many
 * milliseconds of seeing it, not even with a browser's autofill (a pick from
 * its list, then a click: about a second); a script does it at once. Kept
 * well below a person's pace, so that a real visitor is never judged a script.
 */
export const minimumFillMs = 500;

/** The longest fill time a form reports; a form left open longer reports this. */
export const maxReportedFillMs = 7 * 24 * 60 * 60 * 1000;

/**
 * What the contact form saw of who filled it in (optional: older widgets and
 * other clients send none): `fillMs`, the milliseconds from showing the form
 * to sending it, and `honeypot`, the value of a field no person can see,
 * reach or have autofilled. Neither says anything about the visitor.
 */
export const leadBotCheck = z.strictObject({
  fillMs: z.optional(z.int().check(z.gte(0), z.lte(maxReportedFillMs))),
  honeypot: z.optional(z.string().check(z.maxLength(200))),
});

/** The lead; `consentId` only when the visitor granted marketing. */
export const lead = z.strictObject({
  id: entityId,
  site: siteId,
  submittedAt: timestamp,
  consentId: z.optional(entityId),
  /** At least one field: a lead is a way to reach the person (the form asks for at least one). */
  fields: leadFields.check(
    z.refine(
      (fields) => Object.keys(fields).length > 0,
      'must hold at least one of name, email, phone, orgnr',
    ),
  ),
  botCheck: z.optional(leadBotCheck),
});

export type LeadFields = z.infer<typeof leadFields>;
export type LeadBotCheck = z.infer<typeof leadBotCheck>;
export type Lead = z.infer<typeof lead>;

/**
 * Why a contact request looks sent by a script, or null: the honeypot holds
 * text, or the form was sent sooner than `minimumFillMs` after it was shown.
 * The widget and the collector apply this same rule; without a `botCheck`
 * nothing is judged.
 */
export function leadBotSignal(check: LeadBotCheck | undefined): 'honeypot' | 'too-fast' | null {
  if (check === undefined) return null;
  if (check.honeypot !== undefined && check.honeypot.trim() !== '') return 'honeypot';
  if (check.fillMs !== undefined && check.fillMs < minimumFillMs) return 'too-fast';
  return null;
}
