/** The IBAN check (ISO 13616): country code, check digits, mod 97. */

/**
 * True for an IBAN without spaces (any case) whose check digits are right:
 * 15–34 characters, two letters, two digits, then letters and digits.
 */
export function isValidIban(compact: string): boolean {
  const iban = compact.toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  let remainder = 0;
  // Country and check digits move to the end; letters count as 10–35. The
  // remainder is carried digit by digit so no number exceeds 2^53.
  for (const character of iban.slice(4) + iban.slice(0, 4)) {
    const value = Number.parseInt(character, 36);
    remainder = value > 9 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder === 1;
}
