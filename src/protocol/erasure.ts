/** `POST {collector}/erasure`: the visitor asks to be forgotten (contract §4). */
import { entityId, siteId } from './common';
import { z } from './zod-setup';

/**
 * Everything the collector may hold about this browser, by id. `visitorId` is
 * null when the visitor never granted analytics, so no visitor id was ever made.
 */
export const erasureRequest = z.strictObject({
  site: siteId,
  visitorId: z.nullable(entityId),
  consentIds: z.array(entityId).check(z.maxLength(1000)),
  leadIds: z.array(entityId).check(z.maxLength(1000)),
  /**
   * The conversations this browser held, so chat messages the server kept
   * (`storeConversations`) go too. Optional: widgets before 0.2 do not send it.
   */
  conversationIds: z.optional(z.array(entityId).check(z.maxLength(1000))),
});

export type ErasureRequest = z.infer<typeof erasureRequest>;
