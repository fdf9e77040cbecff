/**
 * Redaction of a chat message before it leaves the browser: Swedish personal
 * identity and coordination numbers, payment card numbers and IBANs become a
 * placeholder. Each candidate must pass its check digit (Luhn, mod 97) and,
 * for personal numbers, a real date, so order numbers, organisation numbers
 * (third digit 2 or more, never a month), dates and phone numbers stay.
 */
import type { RedactionKind } from '../config/config-schema';
import { type IdentityNumberSpan, identityNumberFinders } from './find-identity-numbers';

/** The redacted text and the kinds that were removed, each once. */
export interface RedactionResult {
  text: string;
  removed: RedactionKind[];
}

// Detection order is priority: an IBAN's digits are never read as a card, a
// card's digits never as a personal number, even when that kind is not redacted.
const kindOrder: readonly RedactionKind[] = ['iban', 'card', 'personnummer'];

// The order `removed` reports, as `redactionKinds` lists them. A type-only
// import keeps the config schema (and zod) out of the chat's chunk.
const reportOrder: readonly RedactionKind[] = ['personnummer', 'card', 'iban'];

/**
 * Replaces every number of the given kinds with its placeholder, taken from
 * the caller's texts (`[personnummer]`, `[card number]`) because the words
 * depend on the locale.
 */
export function redactMessage(
  text: string,
  kinds: readonly RedactionKind[],
  placeholders: Readonly<Record<RedactionKind, string>>,
): RedactionResult {
  const kept: IdentityNumberSpan[] = [];
  for (const kind of kindOrder) {
    for (const span of identityNumberFinders[kind](text)) {
      if (kept.every((other) => span.end <= other.start || span.start >= other.end))
        kept.push(span);
    }
  }
  const redacted = kept
    .filter((span) => kinds.includes(span.kind))
    .sort((a, b) => a.start - b.start);
  let result = '';
  let cursor = 0;
  for (const span of redacted) {
    result += text.slice(cursor, span.start) + placeholders[span.kind];
    cursor = span.end;
  }
  result += text.slice(cursor);
  const removedKinds = new Set(redacted.map((span) => span.kind));
  const removed = reportOrder.filter((kind) => removedKinds.has(kind));
  return { text: result, removed };
}
