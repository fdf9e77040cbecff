/**
 * Recognises a Swedish personal identity number (personnummer) or
 * coordination number (samordningsnummer, the day plus 60), so the orgnr field
 * can refuse one and the chat can redact one.
 */
import { hasValidLuhn } from './luhn';

const daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * True when ten digits `YYMMDDNNNC` are a plausible date (or coordination
 * date) with a valid Luhn check digit. Give `century` ('19', '20') when the
 * number was written with it, so 29 February is checked against the real year;
 * without it a year divisible by four may have one.
 */
export function isPersonalNumber(tenDigits: string, century?: string): boolean {
  if (!/^\d{10}$/.test(tenDigits) || !hasValidLuhn(tenDigits)) return false;
  const year = Number((century ?? '') + tenDigits.slice(0, 2));
  const month = Number(tenDigits.slice(2, 4));
  let day = Number(tenDigits.slice(4, 6));
  if (day > 60) day -= 60;
  const maxDay = daysInMonth[month - 1];
  if (maxDay === undefined || day < 1 || day > maxDay) return false;
  const leap = year % 4 === 0 && (century === undefined || year % 100 !== 0 || year % 400 === 0);
  return month !== 2 || day < 29 || leap;
}
