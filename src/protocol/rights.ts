/**
 * `POST {collector}/rights`: the visitor asks to correct their contact
 * details, to restrict the use of their data, or objects to marketing
 * (contract §8; GDPR art. 16, 18 and 21). Like an erasure request, it names
 * what the collector may hold about this browser by id; a rectification
 * also carries the corrected fields, normalised as in a lead.
 */
import { entityId, siteId, timestamp } from './common';
import { leadFields } from './lead';
import { maxRightsIds } from './rights-limits';
import { z } from './zod-setup';

export { maxRightsIds, rightsRequestDeadline } from './rights-limits';

/** The three rights a visitor can exercise from the widget besides a copy and erasure. */
export const rightsKind = z.enum(['rectify', 'restrict', 'object']);

const ids = z.array(entityId).check(z.maxLength(maxRightsIds));

/** What every kind names: the request's own id, and the ids of what the collector may hold. */
const base = {
  id: entityId,
  site: siteId,
  /** Null when the visitor never granted analytics, so no visitor id was ever made. */
  visitorId: z.nullable(entityId),
  consentIds: ids,
  leadIds: ids,
  submittedAt: timestamp,
};

/**
 * Correct (or complete, art. 16) the named leads: each named lead takes the
 * values in `changes`. A correction names at least one lead and one field.
 */
export const rectifyRequest = z.strictObject({
  ...base,
  kind: z.literal('rectify'),
  leadIds: z.array(entityId).check(z.minLength(1), z.maxLength(maxRightsIds)),
  changes: leadFields.check(
    z.refine((fields) => Object.keys(fields).length > 0, 'must name at least one field'),
  ),
});

/** Restrict processing (art. 18): no statistics, no marketing, only storage, until the site owner lifts it. */
export const restrictRequest = z.strictObject({ ...base, kind: z.literal('restrict') });

/** Object to direct marketing (art. 21(2)–(3)): no marketing use from now on. */
export const objectRequest = z.strictObject({ ...base, kind: z.literal('object') });

/** Any rights request; `changes` only, and always, for `rectify`. */
export const rightsRequest = z.discriminatedUnion('kind', [
  rectifyRequest,
  restrictRequest,
  objectRequest,
]);

export type RightsKind = z.infer<typeof rightsKind>;
export type RectifyRequest = z.infer<typeof rectifyRequest>;
export type RestrictRequest = z.infer<typeof restrictRequest>;
export type ObjectRequest = z.infer<typeof objectRequest>;
export type RightsRequest = z.infer<typeof rightsRequest>;
