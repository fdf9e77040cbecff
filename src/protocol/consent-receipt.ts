/** `POST {collector}/consent`: the proof of one consent decision (contract §3). */
import { entityId, locale, siteId, timestamp } from './common';
import { sha256HexPattern } from './regexes';
import { z } from './zod-setup';

/** How a decision was made: the banner's buttons, the preferences, a withdrawal, or the host's consent tool. */
export const consentMethod = z.enum(['accept', 'reject', 'custom', 'withdraw', 'host']);

/** The optional purposes; `necessary` is always on and never recorded as a choice. */
export const consentPurposes = z.strictObject({
  analytics: z.boolean(),
  marketing: z.boolean(),
});

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
  textHash: z.string().check(z.regex(sha256HexPattern, 'must be a lower-case hex SHA-256')),
});

export type ConsentMethod = z.infer<typeof consentMethod>;
export type ConsentPurposes = z.infer<typeof consentPurposes>;
export type ConsentReceipt = z.infer<typeof consentReceipt>;
