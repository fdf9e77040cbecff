/**
 * What a consent decision chooses and how it was made. Apart from the receipt
 * so the widget can read a stored choice at start without the receipt's
 * schema (its id, date and hash checks) in the code every page loads.
 */
import { consentMethods } from './consent-methods';
import { z } from './zod-setup';

/** How a decision was made: the banner's buttons, the preferences, a withdrawal, or the host's consent tool. */
export const consentMethod = z.enum(consentMethods);

/** The optional purposes; `necessary` is always on and never recorded as a choice. */
export const consentPurposes = z.strictObject({
  analytics: z.boolean(),
  marketing: z.boolean(),
});

export type ConsentMethod = z.infer<typeof consentMethod>;
export type ConsentPurposes = z.infer<typeof consentPurposes>;
