/**
 * `GET /v1/admin/sites/{site}/rights` (contract §8–9): the data subject
 * requests a site must answer within one month (GDPR art. 12(3)).
 */
import { entityId, siteId, timestamp } from '../common';
import { leadFields } from '../lead';
import { z } from '../zod-setup';
import { handlingNote } from './admin-lead';

/**
 * `erasure` is carried out at once by the collector (art. 17) and listed as
 * done; the others wait for the site owner: `rectify` (art. 16, applied to the
 * named leads at once, confirmed by hand), `restrict` (art. 18), `object` (art. 21).
 */
export const rightsKind = z.enum(['erasure', 'rectify', 'restrict', 'object']);

export const rightsStatus = z.enum(['open', 'handled']);

export const adminRightsRequest = z.strictObject({
  /** The request's id; erasures, which keep no ids, get `erasure-N`. */
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  site: siteId,
  kind: rightsKind,
  status: rightsStatus,
  submittedAt: timestamp,
  /** One month after `submittedAt`. */
  deadline: timestamp,
  /** Whole days from today to the deadline; negative when overdue. */
  daysLeft: z.int(),
  overdue: z.boolean(),
  /** What the request names. Erasures name nothing (the ids were erased too), only counts. */
  names: z.strictObject({
    visitorId: z.nullable(entityId),
    consentIds: z.array(entityId),
    leadIds: z.array(entityId),
  }),
  /** For `rectify`: the corrected contact fields. */
  changes: z.nullable(leadFields),
  /** For `erasure`: how many rows of each kind it removed. */
  erased: z.nullable(
    z.strictObject({
      events: z.int(),
      leads: z.int(),
      receipts: z.int(),
      conversations: z.int(),
    }),
  ),
  handledAt: z.nullable(timestamp),
  handledBy: z.nullable(z.string().check(z.maxLength(254))),
  note: z.nullable(handlingNote),
  /**
   * For `restrict` and `object`: when the site owner lifted it (`POST
   * …/rights/{id}/lift`), after which the visitor's rows count again; null
   * while it holds and for the other kinds.
   */
  liftedAt: z.nullable(timestamp),
  liftedBy: z.nullable(z.string().check(z.maxLength(254))),
});

export const adminRightsList = z.strictObject({ requests: z.array(adminRightsRequest) });

/** `POST …/rights/{id}/handled` body: what was done, for the record. */
export const handleRightsRequest = z.strictObject({ note: handlingNote });

export type RightsKind = z.infer<typeof rightsKind>;
export type AdminRightsRequest = z.infer<typeof adminRightsRequest>;
export type AdminRightsList = z.infer<typeof adminRightsList>;
