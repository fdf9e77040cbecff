/**
 * The widget's configuration: every key of contract §1 plus the options the
 * README documents. One schema, whichever way the keys arrive (data-*
 * attributes, `window.samtalConfig`, `init(config)`). It defines the config
 * and its types; the widget checks with `check-config.ts`, the same rules
 * written out without zod so the boot carries no validation library, and a
 * test holds the two equal.
 */
import { siteIdPattern } from '../protocol/regexes';
import { z } from '../protocol/zod-setup';
import { fieldNames, isAllowedEndpoint, isPolicyUrl, redactionKinds } from './allowed-values';

const endpoint = z.pipe(
  z
    .string({ error: 'must be a URL' })
    .check(
      z.refine(
        isAllowedEndpoint,
        'must be an https URL (http only for localhost or 127.0.0.1), without credentials, query or fragment',
      ),
    ),
  // One form for the base URL, so `${collector}/events` never has a double slash.
  z.transform((value: string) => value.replace(/\/+$/, '')),
);

const flag = z.boolean({ error: 'must be true or false' });

function listOf<const T extends readonly [string, ...string[]]>(allowed: T) {
  return z.array(z.enum(allowed, { error: `each item must be one of ${allowed.join(', ')}` }), {
    error: `must be a list from ${allowed.join(', ')}`,
  });
}

/** Text of 1 to `max` characters with something besides spaces. */
function label(name: string, max: number) {
  return z
    .string({ error: `each ${name} must be text` })
    .check(
      z.regex(/\S/, `each ${name} must not be empty`),
      z.maxLength(max, `each ${name} must be at most ${max} characters`),
    );
}

/**
 * One receiver of the visitor's data: the site owner, a processor or a
 * sub-processor (GDPR art. 13(1)(e)), shown in the consent settings.
 */
const recipient = z.strictObject(
  {
    name: label('name', 100),
    role: z.optional(label('role', 200)),
    country: z.optional(label('country', 60)),
  },
  { error: 'each recipient must be { name, role?, country? }' },
);

/** A distance in whole CSS pixels from 0 to `max`. */
function pixels(max: number) {
  return z
    .int({ error: 'must be a whole number of pixels' })
    .check(z.gte(0, 'must be 0 or more'), z.lte(max, `must be at most ${max}`));
}

/** The config schema; its output type is {@link SamtalConfig}. */
export const configSchema = z.strictObject(
  {
    site: z
      .string({ error: 'is required: the site id' })
      .check(z.regex(siteIdPattern, 'must be 1–64 characters of a-z, 0-9 and -')),
    collector: z.pipe(z.string({ error: 'is required: the collector base URL' }), endpoint),
    chat: z.optional(endpoint),
    locale: z.optional(z.enum(['sv', 'en'], { error: 'must be sv or en' })),
    policyUrl: z.optional(
      z
        .string({ error: 'must be a URL' })
        .check(
          z.refine(isPolicyUrl, 'must be an http(s) URL or a path on this site starting with /'),
        ),
    ),
    policyVersion: z._default(
      z
        .string({ error: 'must be text' })
        .check(
          z.minLength(1, 'must not be empty'),
          z.maxLength(64, 'must be at most 64 characters'),
        ),
      '1',
    ),
    fields: z._default(listOf(fieldNames).check(z.minLength(1, 'must name at least one field')), [
      'name',
      'email',
    ]),
    consent: z._default(z.enum(['banner', 'host'], { error: 'must be banner or host' }), 'banner'),
    placement: z._default(
      z.enum(['bottom-right', 'bottom-left'], { error: 'must be bottom-right or bottom-left' }),
      'bottom-right',
    ),
    offset: z._default(pixels(160), 20),
    offsetBottom: z.optional(pixels(400)),
    recipients: z._default(
      z
        .array(recipient, { error: 'must be a list of recipients' })
        .check(z.maxLength(20, 'must name at most 20 recipients')),
      [],
    ),
    zIndex: z._default(
      z
        .int({ error: 'must be a whole number' })
        .check(z.gte(0, 'must be 0 or more'), z.lte(2147483647, 'is too large')),
      2147483000,
    ),
    botName: z.optional(
      z
        .string({ error: 'must be text' })
        .check(z.minLength(1), z.maxLength(60, 'must be at most 60 characters')),
    ),
    historyDays: z._default(
      z
        .int({ error: 'must be a whole number of days' })
        .check(z.gte(1, 'must be at least 1'), z.lte(365, 'must be at most 365')),
      30,
    ),
    chatTimeout: z._default(
      z
        .number({ error: 'must be a number of seconds' })
        .check(z.gte(1, 'must be at least 1 second'), z.lte(120, 'must be at most 120 seconds')),
      20,
    ),
    googleConsentMode: z._default(flag, false),
    allowPersonnummer: z._default(flag, false),
    redact: z._default(listOf(redactionKinds), ['personnummer', 'card']),
    keepParams: z._default(
      z.array(
        z.string().check(z.regex(/^[A-Za-z0-9_.-]{1,64}$/, 'each must be a query parameter name')),
        {
          error: 'must be a list of query parameter names',
        },
      ),
      [],
    ),
    debug: z._default(flag, false),
  },
  { error: 'must be an object' },
);

/** The config as the widget uses it, after defaults. */
export type SamtalConfig = z.output<typeof configSchema>;

/** The config as a site owner or npm user writes it. */
export type SamtalConfigInput = z.input<typeof configSchema>;

/** A receiver of the visitor's data, as the site configured it. */
export type Recipient = z.output<typeof recipient>;

/** A contact field name. */
export type FieldName = (typeof fieldNames)[number];

/** A kind of data the chat redacts. */
export type RedactionKind = (typeof redactionKinds)[number];
