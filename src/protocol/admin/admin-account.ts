/** `GET /v1/admin/me`: who is signed in, and the sites they may see. */
import { siteId } from '../common';
import { z } from '../zod-setup';

/** One site in the console's site list, with what waits for attention there. */
export const adminSite = z.strictObject({
  id: siteId,
  /** Open leads nobody has opened yet (the inbox badge). */
  newLeads: z.int().check(z.nonnegative()),
  /** Rights requests not yet handled. */
  openRights: z.int().check(z.nonnegative()),
  /** Rights requests past their deadline and not handled. */
  overdueRights: z.int().check(z.nonnegative()),
});

export const adminAccount = z.strictObject({
  email: z.string().check(z.maxLength(254)),
  sites: z.array(adminSite),
  /** Whether this server keeps chat transcripts (`storeConversations`). */
  conversationsStored: z.boolean(),
});

export type AdminSite = z.infer<typeof adminSite>;
export type AdminAccount = z.infer<typeof adminAccount>;
