/** Building blocks shared by every wire shape. */
import { siteIdPattern, uuidPattern } from './regexes';
import { z } from './zod-setup';

/** Site id, contract §1. The length is checked first, so a huge string costs no regex work. */
export const siteId = z
  .string()
  .check(
    z.maxLength(64, { abort: true }),
    z.regex(siteIdPattern, 'must be 1–64 of a-z, 0-9 and -'),
  );

/**
 * An id made in the browser with `crypto.randomUUID()`. Written in lower case
 * whatever case it came in, so one UUID is one id (RFC 9562 §4: UUIDs compare
 * case-insensitively).
 */
export const entityId = z
  .string()
  .check(z.maxLength(36, { abort: true }), z.regex(uuidPattern, 'must be a UUID'), z.toLowerCase());

/** An ISO 8601 timestamp in UTC, as `Date.prototype.toISOString()` writes it. */
export const timestamp = z.iso.datetime().check(z.maxLength(40));

/** The two languages Samtal speaks. */
export const locale = z.enum(['sv', 'en']);

/** A locale the widget speaks. */
export type Locale = z.infer<typeof locale>;

/** The collector's paths (contract §4, §8): the widget posts to `{collector}/{endpoint}`. */
export type CollectorEndpoint = 'consent' | 'events' | 'leads' | 'erasure' | 'rights';
