/**
 * The one rule for what telemetry may not carry (contract §4: events never
 * hold contact details or identity numbers), shared by the widget, which
 * strips such values before sending, and the collector, which refuses what
 * still holds one (README, "Guard rails").
 *
 * - A kept parameter's name is refused when it names contact or identity
 *   data in Swedish or English (`email`, `E-Post`, `tel`, `mobil`, `pnr`,
 *   `personnummer`, `ssn`…), compared in lower case without spaces, `-`, `_`, `.`.
 * - A value (a kept parameter's, or a path) is personal when it holds an
 *   email address, a Swedish personal identity or coordination number, a
 *   payment card number or an IBAN (the chat redaction's detectors:
 *   fields/find-identity-numbers.ts), in itself or after up to three rounds
 *   of %-decoding (`anna%2540example.se`); a parameter's value also when it
 *   holds a phone number (fields/parse-phone.ts).
 */
import { identityNumberFinders } from '../fields/find-identity-numbers';
import { parsePhone } from '../fields/parse-phone';
import { emailLikePattern } from './regexes';

/** Rounds of %-decoding before a text is judged: a double-escaped `@` (`%2540`) needs two. */
export const maxDecodingRounds = 3;

/** Words that are a parameter name's last word, or the whole name (normalised). */
const personalNameEndings = [
  'email',
  'epost',
  'mail',
  'phone',
  'phonenumber',
  'telephone',
  'telephonenumber',
  'telefon',
  'telefonnummer',
  'telnr',
  'telnummer',
  'mobile',
  'mobilenumber',
  'mobil',
  'mobilnr',
  'mobilnummer',
  'personnummer',
  'personnr',
  'personalnumber',
  'personalidentitynumber',
  'samordningsnummer',
  'socialsecuritynumber',
  'nationalid',
  'ssn',
  'password',
  'passwd',
  'losenord',
  'lösenord',
];

/** Short words refused only as a whole word of the name (`tel`, `user-tel`; not `hotel`). */
const personalNameWords = new Set(['tel', 'pnr', 'mob', 'nin', ...personalNameEndings]);

/** Lower case, without spaces, `-`, `_` and `.`: `E-Mail`, `e_mail` and `e mail` are `email`. */
export function normaliseParamName(name: string): string {
  return name.toLowerCase().replace(/[\s_.-]+/g, '');
}

/** True for a query parameter name that carries contact details, identity numbers or secrets. */
export function isPersonalParamName(name: string): boolean {
  const normalised = normaliseParamName(name);
  if (personalNameEndings.some((ending) => normalised.endsWith(ending))) return true;
  const words = name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[\s_.-]+/);
  return words.some((word) => personalNameWords.has(word));
}

/** `text` and each of its %-decodings, up to `maxDecodingRounds`, until one no longer changes it. */
export function decodings(text: string): string[] {
  const found = [text];
  let current = text;
  for (let round = 0; round < maxDecodingRounds; round += 1) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      break;
    }
    if (next === current) break;
    found.push(next);
    current = next;
  }
  return found;
}

/** `text` after its last decoding round (decodings). */
export function fullyDecoded(text: string): string {
  const all = decodings(text);
  return all[all.length - 1] ?? text;
}

/** True when `text` or one of its decodings holds something shaped like an email address. */
export function holdsEmailAddress(text: string): boolean {
  return decodings(text).some((decoded) => emailLikePattern.test(decoded));
}

// Digits with the separators people type in phone numbers, at least 7 characters.
const phoneRun = /\+?\d[\d\s\-–./()]{5,24}\d/g;

function holdsPhoneNumber(text: string): boolean {
  for (const run of text.matchAll(phoneRun)) if (parsePhone(run[0]).success) return true;
  return false;
}

/** What kind of personal data a text holds, or null. */
export type PersonalDataKind = 'email' | 'personnummer' | 'card' | 'iban' | 'phone';

/**
 * The first kind of personal data `text` holds, in itself or decoded; phone
 * numbers only when `phone` is true (kept parameter values; a path's digits
 * are too often dates and article numbers).
 */
export function findPersonalData(text: string, { phone = false } = {}): PersonalDataKind | null {
  for (const decoded of decodings(text)) {
    if (emailLikePattern.test(decoded)) return 'email';
    for (const kind of ['personnummer', 'card', 'iban'] as const) {
      if (identityNumberFinders[kind](decoded).length > 0) return kind;
    }
    if (phone && holdsPhoneNumber(decoded)) return 'phone';
  }
  return null;
}
