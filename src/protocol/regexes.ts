/**
 * Every regular expression of the wire contract, in one documented file
 * (after zod's `core/regexes.ts`), so widget and server agree on them.
 */

/** Site id: contract §1, `[a-z0-9-]{1,64}`. */
export const siteIdPattern = /^[a-z0-9-]{1,64}$/;

/** RFC 4122 UUID, any version; ids are made with `crypto.randomUUID()`. */
export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Lower-case hex SHA-256, as sent in `textHash`. */
export const sha256HexPattern = /^[0-9a-f]{64}$/;

/** E.164: a plus, a country code that does not start with 0, 8 to 15 digits in all. */
export const e164Pattern = /^\+[1-9]\d{6,14}$/;

/** Swedish organisation number as sent: `NNNNNN-NNNN`. The check digit is the fields module's job. */
export const orgnrPattern = /^\d{6}-\d{4}$/;

/**
 * A URL path as telemetry may send it: starts with `/`, never a `?` or `#`
 * (contract §4: events never hold a query string or fragment, except the kept
 * parameters, which travel separately in `params`).
 */
export const pathPattern = /^\/[^?#\s]*$/;

/** An origin: scheme, host and optional port, nothing after. */
export const originPattern = /^https?:\/\/[^/?#\s]+$/;

/** BCP 47 language tag, loosely (`sv`, `en-GB`, `zh-Hant-TW`). */
export const languageTagPattern = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/;

/** IANA time zone name (`Europe/Stockholm`, `UTC`). */
export const timeZonePattern = /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+){0,2}$/;

/**
 * Something shaped like an email address anywhere in a text. The widget masks
 * these in paths and kept parameters (`/users/:email`); the collector refuses
 * what still holds one (contract §4: events never hold contact details).
 * Linear time: one character either side of `@` anchors the match, so a long
 * text without `@` is scanned once (`[^@]+@` would retry from every position).
 */
export const emailLikePattern = /[^\s/@]@[^\s/@.][^\s/@]*\.[^\s/@]/;
