/** `POST {collector}/consent`: the proof of one consent decision (contract §3). */
import { entityId, locale, siteId, timestamp } from './common';
import { consentMethod, consentPurposes } from './consent-choice';
import { sha256HexPattern } from './regexes';
import { z } from './zod-setup';

export {
  type ConsentMethod,
  type ConsentPurposes,
  consentMethod,
  consentPurposes,
} from './consent-choice';

/**
 * One receipt per decision. Deliberately nothing about the device or the visit:
 * it proves what was chosen and which texts were shown, not who chose.
 */
export const consentReceipt = z.strictObject({
  id: entityId,
  site: siteId,
  policyVersion: z.string().check(z.minLength(1), z.maxLength(64)),
  purposes: consentPurposes,
  decidedAt: timestamp,
  method: consentMethod,
  locale,
  textHash: z
    .string()
    .check(z.maxLength(64), z.regex(sha256HexPattern, 'must be a lower-case hex SHA-256')),
});

export type ConsentReceipt = z.infer<typeof consentReceipt>;
