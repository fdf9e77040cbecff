/**
 * The organisation number field (organisationsnummer): ten digits with a
 * Luhn check digit, sent as `NNNNNN-NNNN`.
 */
import type { FieldResult } from './field-result';
import { isPersonalNumber } from './is-personal-number';
import { hasValidLuhn } from './luhn';

/** Why an organisation number was refused. */
export type OrgnrError =
  | 'orgnr-required'
  | 'orgnr-format'
  | 'orgnr-check-digit'
  | 'orgnr-invalid'
  | 'orgnr-personnummer';

/** Options of {@link parseOrgnr}. */
export interface OrgnrOptions {
  /**
   * A sole trader's organisation number is their personal identity number.
   * Refused by default, so the form does not collect one unasked; a site that
   * serves sole traders turns this on (`data-allow-personnummer`).
   */
  allowPersonnummer?: boolean;
}

// Ten digits, or twelve with a century-like prefix (`16` for organisations,
// `19`/`20` for a personal identity number), with an optional hyphen.
const orgnrShape = /^(\d{2})?(\d{6})-?(\d{4})$/;

/**
 * `556703-7485`, `5567037485` and `165567037485` all give `556703-7485`.
 * Organisation numbers have a group digit that is not 0 and a third digit of 2
 * or more, where a personal number has its month. A number that reads as a
 * personal identity or coordination number is refused with its own error
 * unless `allowPersonnummer` is set.
 */
export function parseOrgnr(
  input: string,
  options: OrgnrOptions = {},
): FieldResult<string, OrgnrError> {
  const trimmed = input.trim();
  if (trimmed === '') return { success: false, error: 'orgnr-required' };
  const match = orgnrShape.exec(trimmed);
  if (!match) return { success: false, error: 'orgnr-format' };
  const [, prefix, head = '', tail = ''] = match;
  const digits = head + tail;
  if (!hasValidLuhn(digits)) return { success: false, error: 'orgnr-check-digit' };

  const third = Number(digits[2]);
  if (third >= 2) {
    if (digits.startsWith('0') || (prefix !== undefined && prefix !== '16')) {
      return { success: false, error: 'orgnr-invalid' };
    }
    return { success: true, data: `${head}-${tail}` };
  }
  const century = prefix === '19' || prefix === '20' ? prefix : undefined;
  if ((prefix !== undefined && century === undefined) || !isPersonalNumber(digits, century)) {
    return { success: false, error: 'orgnr-invalid' };
  }
  return options.allowPersonnummer
    ? { success: true, data: `${head}-${tail}` }
    : { success: false, error: 'orgnr-personnummer' };
}
