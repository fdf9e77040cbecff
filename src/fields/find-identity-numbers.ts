/**
 * The check-digit detectors for numbers that identify a person or pay with
 * their money: Swedish personal identity and coordination numbers (a real
 * date and Luhn), payment card numbers (issuer range and Luhn, 13–19 digits)
 * and IBANs (ISO 13616 mod 97). Shared by the chat's redaction and by the
 * wire rule that keeps them out of telemetry (protocol/personal-data.ts), so
 * both recognise exactly the same numbers. Pure, linear in the text.
 */
import { isPersonalNumber } from './is-personal-number';
import { isValidIban } from './is-valid-iban';
import { hasValidLuhn } from './luhn';

/** What the detectors find. */
export type IdentityNumberKind = 'personnummer' | 'card' | 'iban';

/** Where a number was found: `[start, end)` in UTF-16 code units. */
export interface IdentityNumberSpan {
  start: number;
  end: number;
  kind: IdentityNumberKind;
}

type Span = IdentityNumberSpan;

interface Token {
  value: string;
  start: number;
  end: number;
}

// Two letters and two digits, then letters or digits with single spaces
// between groups, not glued to a preceding word.
const ibanRun = /(?<![\p{L}\p{N}])[a-z]{2}\d{2}(?: ?[a-z0-9])+/giu;

// Digits with single spaces or hyphens between groups. Not after `+`, which
// starts an international phone number, nor glued to a word.
const digitRun = /(?<![\p{L}\p{N}+])\d(?:[ -]?\d)*/gu;

// YYMMDD, optional century before it, optional `-` or `+` (100 years or
// older) before the last four digits.
const personalNumberPattern = /(?<!\d)(19|20)?(\d{6})[-+]?(\d{4})(?!\d)/g;

// Issuer ranges in use: Mastercard 2221–2720 and 51–55, Amex/Diners/JCB 30–39,
// Visa 4, Maestro 50 and 56–69, Discover/UnionPay 6.
const plausibleIssuer = /^(?:2[2-7]|3|4|5|6)/;

function tokensOf(run: string, offset: number, tokenPattern: RegExp): Token[] {
  const tokens: Token[] = [];
  for (const match of run.matchAll(tokenPattern)) {
    tokens.push({
      value: match[0],
      start: offset + match.index,
      end: offset + match.index + match[0].length,
    });
  }
  return tokens;
}

function findIbans(text: string): Span[] {
  const spans: Span[] = [];
  for (const run of text.matchAll(ibanRun)) {
    // The run may have swallowed words after the IBAN: of the group-aligned
    // prefixes of at most 34 characters, the longest valid one wins.
    let compact = '';
    let found: Span | undefined;
    for (const token of tokensOf(run[0], run.index, /[a-z0-9]+/giu)) {
      compact += token.value;
      if (compact.length > 34) break;
      if (isValidIban(compact)) found = { start: run.index, end: token.end, kind: 'iban' };
    }
    if (found) spans.push(found);
  }
  return spans;
}

function findCards(text: string): Span[] {
  const spans: Span[] = [];
  for (const run of text.matchAll(digitRun)) {
    const tokens = tokensOf(run[0], run.index, /\d+/g);
    let takenUntil = 0;
    // From each group, the longest group-aligned stretch that is a card wins,
    // so in `4111 1111 1111 1111 12` the card goes and the `12` stays.
    for (const [index, first] of tokens.entries()) {
      if (first.start < takenUntil) continue;
      let digits = '';
      let found: Span | undefined;
      for (const token of tokens.slice(index)) {
        digits += token.value;
        if (digits.length > 19) break;
        if (digits.length >= 13 && plausibleIssuer.test(digits) && hasValidLuhn(digits)) {
          found = { start: first.start, end: token.end, kind: 'card' };
        }
      }
      if (found) {
        spans.push(found);
        takenUntil = found.end;
      }
    }
  }
  return spans;
}

function findPersonalNumbers(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(personalNumberPattern)) {
    const [whole, century, date = '', serial = ''] = match;
    if (isPersonalNumber(date + serial, century)) {
      spans.push({ start: match.index, end: match.index + whole.length, kind: 'personnummer' });
    }
  }
  return spans;
}

/** Each kind's detector: every span of `text` that passes its checks, in text order. */
export const identityNumberFinders: Record<IdentityNumberKind, (text: string) => Span[]> = {
  iban: findIbans,
  card: findCards,
  personnummer: findPersonalNumbers,
};
