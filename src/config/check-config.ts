/**
 * The config's checks, written out by hand, so the code every page loads
 * before a click carries no validation library (issue 15, item 9: zod's
 * core is about 5 KB gzip of a 15 KB boot).
 *
 * The zod schema in `config-schema.ts` stays the definition: the types come
 * from it, and `tests/unit/check-config.test.ts` runs both over the same
 * inputs, key by key, and requires the same data and the same first message
 * per key. A key added there and not here fails that test.
 */
import { siteIdPattern } from '../protocol/regexes';
import { fieldNames, isAllowedEndpoint, isPolicyUrl, redactionKinds } from './allowed-values';
import type { SamtalConfig, SamtalConfigInput } from './config-schema';

/** One key's value after its checks, or the first thing wrong with it. */
type Checked = { ok: true; value: unknown } | { ok: false; message: string };

/** Checks one key's value; `undefined` is a missing key. */
type Rule = (value: unknown) => Checked;

/** A test and the message when it fails. */
type Check<T> = [test: (value: T) => boolean, message: string];

// zod/mini loads no locale: a check without its own message says this.
const defaultMessage = 'Invalid input';

const pass = (value: unknown): Checked => ({ ok: true, value });
const fail = (message: string): Checked => ({ ok: false, message });

/** The first failing check, as zod runs a schema's checks in order. */
function firstFailure<T>(value: T, checks: readonly Check<T>[]): Checked {
  for (const [test, message] of checks) if (!test(value)) return fail(message);
  return pass(value);
}

function text(typeMessage: string, ...checks: Check<string>[]): Rule {
  return (value) => (typeof value === 'string' ? firstFailure(value, checks) : fail(typeMessage));
}

/** A finite number (`z.number`), or a safe integer when `whole` (`z.int`). */
function numberIn(
  typeMessage: string,
  whole: boolean,
  [min, minMessage]: [number, string],
  [max, maxMessage]: [number, string],
): Rule {
  return (value) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return fail(typeMessage);
    if (whole && !Number.isSafeInteger(value)) return fail(typeMessage);
    return firstFailure(value, [
      [(number) => number >= min, minMessage],
      [(number) => number <= max, maxMessage],
    ]);
  };
}

function oneOf(allowed: readonly string[], message: string): Rule {
  return (value) => (allowed.includes(value as string) ? pass(value) : fail(message));
}

const flag: Rule = (value) =>
  typeof value === 'boolean' ? pass(value) : fail('must be true or false');

/** A list whose items each pass `item`; the first bad item's message stands for the key. */
function listOf(item: Rule, typeMessage: string, ...checks: Check<unknown[]>[]): Rule {
  return (value) => {
    if (!Array.isArray(value)) return fail(typeMessage);
    const items: unknown[] = [];
    for (const entry of value) {
      const checked = item(entry);
      if (!checked.ok) return checked;
      items.push(checked.value);
    }
    return firstFailure(items, checks);
  };
}

function optional(rule: Rule): Rule {
  return (value) => (value === undefined ? pass(undefined) : rule(value));
}

/** `fallback` for a missing key; a list default is a fresh copy each time. */
function withDefault(rule: Rule, fallback: unknown): Rule {
  return (value) =>
    value === undefined ? pass(Array.isArray(fallback) ? [...fallback] : fallback) : rule(value);
}

/** A collector or chat base URL, in one form: no trailing slash, so `${base}/events` is clean. */
function endpoint(typeMessage: string): Rule {
  const check = text(typeMessage, [
    isAllowedEndpoint,
    'must be an https URL (http only for localhost or 127.0.0.1), without credentials, query or fragment',
  ]);
  return (value) => {
    const checked = check(value);
    return checked.ok ? pass((checked.value as string).replace(/\/+$/, '')) : checked;
  };
}

const eachOf = (allowed: readonly string[]) =>
  listOf(
    oneOf(allowed, `each item must be one of ${allowed.join(', ')}`),
    `must be a list from ${allowed.join(', ')}`,
  );

/** Text with something besides spaces, of at most `max` characters (the schema's `label`). */
function label(name: string, max: number): Rule {
  return text(
    `each ${name} must be text`,
    [(value) => /\S/.test(value), `each ${name} must not be empty`],
    [(value) => value.length <= max, `each ${name} must be at most ${max} characters`],
  );
}

const recipientFields: Record<string, Rule> = {
  name: label('name', 100),
  role: optional(label('role', 200)),
  country: optional(label('country', 60)),
};
const recipientShape = 'each recipient must be { name, role?, country? }';
/** Whether `object` has `key` itself: a key on `Object.prototype` (a host page's) never counts. */
const owns = (object: object, key: string) => Object.hasOwn(object, key);

/** One receiver of the data: exactly `{ name, role?, country? }` (the schema's `recipient`). */
const recipient: Rule = (value) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(recipientShape);
  }
  const given = value as Record<string, unknown>;
  const checked: Record<string, unknown> = {};
  for (const field of Object.keys(recipientFields)) {
    const result = (recipientFields[field] as Rule)(given[field]);
    if (!result.ok) return result;
    if (result.value !== undefined || owns(given, field)) checked[field] = result.value;
  }
  return Object.keys(given).every((key) => owns(recipientFields, key))
    ? pass(checked)
    : fail(recipientShape);
};

/** A distance in whole CSS pixels from 0 to `max`. */
const pixels = (max: number) =>
  numberIn(
    'must be a whole number of pixels',
    true,
    [0, 'must be 0 or more'],
    [max, `must be at most ${max}`],
  );

/** Every key of the config and its checks, in the schema's order. */
const rules: { [Key in keyof SamtalConfigInput]-?: Rule } = {
  site: text('is required: the site id', [
    (value) => siteIdPattern.test(value),
    'must be 1–64 characters of a-z, 0-9 and -',
  ]),
  collector: endpoint('is required: the collector base URL'),
  chat: optional(endpoint('must be a URL')),
  locale: optional(oneOf(['sv', 'en'], 'must be sv or en')),
  policyUrl: optional(
    text('must be a URL', [
      isPolicyUrl,
      'must be an http(s) URL or a path on this site starting with /',
    ]),
  ),
  policyVersion: withDefault(
    text(
      'must be text',
      [(value) => value.length >= 1, 'must not be empty'],
      [(value) => value.length <= 64, 'must be at most 64 characters'],
    ),
    '1',
  ),
  fields: withDefault(
    listOf(
      oneOf(fieldNames, `each item must be one of ${fieldNames.join(', ')}`),
      `must be a list from ${fieldNames.join(', ')}`,
      [(items) => items.length >= 1, 'must name at least one field'],
    ),
    ['name', 'email'],
  ),
  consent: withDefault(oneOf(['banner', 'host'], 'must be banner or host'), 'banner'),
  placement: withDefault(
    oneOf(['bottom-right', 'bottom-left'], 'must be bottom-right or bottom-left'),
    'bottom-right',
  ),
  offset: withDefault(pixels(160), 20),
  offsetBottom: optional(pixels(400)),
  recipients: withDefault(
    listOf(recipient, 'must be a list of recipients', [
      (items) => items.length <= 20,
      'must name at most 20 recipients',
    ]),
    [],
  ),
  zIndex: withDefault(
    numberIn(
      'must be a whole number',
      true,
      [0, 'must be 0 or more'],
      [2147483647, 'is too large'],
    ),
    2147483000,
  ),
  botName: optional(
    text(
      'must be text',
      // A check without its own message takes the schema's.
      [(value) => value.length >= 1, 'must be text'],
      [(value) => value.length <= 60, 'must be at most 60 characters'],
    ),
  ),
  historyDays: withDefault(
    numberIn(
      'must be a whole number of days',
      true,
      [1, 'must be at least 1'],
      [365, 'must be at most 365'],
    ),
    30,
  ),
  chatTimeout: withDefault(
    numberIn(
      'must be a number of seconds',
      false,
      [1, 'must be at least 1 second'],
      [120, 'must be at most 120 seconds'],
    ),
    20,
  ),
  googleConsentMode: withDefault(flag, false),
  allowPersonnummer: withDefault(flag, false),
  redact: withDefault(eachOf(redactionKinds), ['personnummer', 'card']),
  keepParams: withDefault(
    listOf(
      text(defaultMessage, [
        (value) => /^[A-Za-z0-9_.-]{1,64}$/.test(value),
        'each must be a query parameter name',
      ]),
      'must be a list of query parameter names',
    ),
    [],
  ),
  debug: withDefault(flag, false),
};

/** Every config key, in the schema's order. */
export const configKeys = Object.keys(rules) as (keyof SamtalConfigInput)[];

/** What is wrong with the config: a known key's first problem, or a key Samtal does not know. */
export type ConfigProblem = { key: string; message: string } | { key: string; unknown: true };

/**
 * Checks `values` (the keys as collected, attribute strings already
 * converted) and applies the defaults. On failure, lists each bad known key
 * once, in the schema's order, then each unknown key in the order given.
 */
export function checkConfig(
  values: Record<string, unknown>,
): { success: true; data: SamtalConfig } | { success: false; problems: ConfigProblem[] } {
  const data: Record<string, unknown> = {};
  const problems: ConfigProblem[] = [];
  for (const key of configKeys) {
    const given = owns(values, key);
    const checked = rules[key](given ? values[key] : undefined);
    if (!checked.ok) problems.push({ key, message: checked.message });
    // As zod does: an optional key left out stays out, one given as undefined stays undefined.
    else if (checked.value !== undefined || given) data[key] = checked.value;
  }
  for (const key of Object.keys(values)) {
    if (!owns(rules, key)) problems.push({ key, unknown: true });
  }
  if (problems.length > 0) return { success: false, problems };
  // Each rule above gives its key the type the schema's output has; the test holds them equal.
  return { success: true, data: data as SamtalConfig };
}
