/**
 * The Luhn (mod 10) check used by Swedish personal identity and organisation
 * numbers and by payment cards.
 */

/** True when a string of digits ends in a correct Luhn check digit. */
export function hasValidLuhn(digits: string): boolean {
  let sum = 0;
  // Walk from the check digit leftwards; every second digit is doubled.
  for (let index = digits.length - 1, doubled = false; index >= 0; index--, doubled = !doubled) {
    let digit = digits.charCodeAt(index) - 48;
    if (doubled) digit = digit > 4 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return digits.length > 0 && sum % 10 === 0;
}
