/**
 * The phone field: Swedish numbers in every common way they are typed, and
 * international numbers with `+`, all to E.164. A small rule instead of
 * libphonenumber, which would cost 29–50 KB gzip in the widget.
 */
import { e164Pattern } from '../protocol/regexes';
import type { FieldResult } from './field-result';

/** Why a phone number was refused. */
export type PhoneError = 'phone-required' | 'phone-characters' | 'phone-invalid';

// Digits, a leading `+`, and the separators people type between groups. A
// letter anywhere refuses the whole input: a number is never guessed out of text.
const phoneCharacters = /^\+?[\d\s\-–./()]+$/u;

// Swedish mobile ranges (after the trunk 0) always have 9 national digits.
const mobilePrefix = /^7[023689]/;

/**
 * `070-123 45 67`, `+46 (0)70-123 45 67` and `0046701234567` all give
 * `+46701234567`; `08-123 456 78` gives `+46812345678`. Swedish mobile numbers
 * need 9 digits after the trunk 0, other Swedish numbers 7–9. A number with
 * another country code is accepted at a plausible E.164 length (7–15 digits).
 */
export function parsePhone(input: string): FieldResult<string, PhoneError> {
  const trimmed = input.trim();
  if (trimmed === '') return { success: false, error: 'phone-required' };
  if (!phoneCharacters.test(trimmed)) return { success: false, error: 'phone-characters' };

  // `(0)` after a country code marks the trunk prefix that is dropped when
  // dialling from abroad (`+46 (0)70…`, `+44 (0)20…`).
  const compact = trimmed.replace(/\(\s*0\s*\)/g, '').replace(/[^\d+]/g, '');
  let digits: string;
  if (compact.startsWith('+')) digits = compact.slice(1);
  else if (compact.startsWith('00')) digits = compact.slice(2);
  else if (compact.startsWith('0')) digits = `46${compact.slice(1)}`;
  else return { success: false, error: 'phone-invalid' };

  if (digits.startsWith('46')) {
    // `+46 070…` is a common slip; national numbers never start with 0, so the
    // extra trunk 0 can be dropped without ambiguity.
    const national = digits.slice(2).replace(/^0/, '');
    const plausible = mobilePrefix.test(national)
      ? national.length === 9
      : /^[1-9]\d{6,8}$/.test(national);
    return plausible
      ? { success: true, data: `+46${national}` }
      : { success: false, error: 'phone-invalid' };
  }
  const e164 = `+${digits}`;
  return e164Pattern.test(e164)
    ? { success: true, data: e164 }
    : { success: false, error: 'phone-invalid' };
}
