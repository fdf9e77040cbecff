/**
 * The leads inbox (contract §9): `GET /v1/admin/sites/{site}/leads`,
 * `…/leads/{id}`, `POST …/leads/{id}/handled`, `GET …/leads.csv`.
 */
import { entityId, siteId, timestamp } from '../common';
import { leadFields } from '../lead';
import { z } from '../zod-setup';

/** Open until someone on the site marks it handled. */
export const leadStatus = z.enum(['open', 'handled']);

/** A note a site owner writes when handling a lead or a rights request. */
export const handlingNote = z.string().check(z.maxLength(2000));

export const adminLead = z.strictObject({
  id: entityId,
  site: siteId,
  /** When the visitor sent it (their clock). */
  submittedAt: timestamp,
  /** When the server stored it (its clock). */
  receivedAt: timestamp,
  /** The consent receipt that allowed follow-up marketing, if any. */
  consentId: z.nullable(entityId),
  fields: leadFields,
  status: leadStatus,
  /** When someone first opened it in the console; null while it is new. */
  seenAt: z.nullable(timestamp),
  handledAt: z.nullable(timestamp),
  handledBy: z.nullable(z.string().check(z.maxLength(254))),
  note: z.nullable(handlingNote),
  /** The visitor asked to restrict processing (GDPR art. 18): keep it, do not use it for marketing. */
  restricted: z.boolean(),
});

export const adminLeadList = z.strictObject({
  leads: z.array(adminLead),
  /** Pass as `?cursor=` for the next, older page; null on the last page. */
  nextCursor: z.nullable(z.string().check(z.maxLength(200))),
  counts: z.strictObject({
    open: z.int().check(z.nonnegative()),
    handled: z.int().check(z.nonnegative()),
    new: z.int().check(z.nonnegative()),
  }),
});

/** `POST …/leads/{id}/handled` body; the note is optional. */
export const handleLeadRequest = z.strictObject({ note: z.optional(handlingNote) });

export type LeadStatus = z.infer<typeof leadStatus>;
export type AdminLead = z.infer<typeof adminLead>;
export type AdminLeadList = z.infer<typeof adminLeadList>;
