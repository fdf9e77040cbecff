/**
 * The preference key (`samtal:{site}:marketing-objection`) that remembers,
 * with its date, that the visitor objected to marketing (GDPR art. 21(3)).
 * The rights service writes it; the consent service reads it at every
 * decision, so neither "Accept all" nor a host's consent tool can turn
 * marketing back on. Its own module so the code every page loads carries
 * the key and not the rights service.
 */
import type { StoredValueSchema } from '../storage/create-preference-store';

export const marketingObjectionKey = 'marketing-objection';

/** Reads the key at a decision without a schema library (the boot has none): its date, as text. */
export const marketingObjection: StoredValueSchema<string> = {
  safeParse: (value) =>
    typeof value === 'string' ? { success: true, data: value } : { success: false },
};
