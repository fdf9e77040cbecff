import { describe, expect, it } from 'vitest';
import { isPersonalNumber } from '../../src/fields/is-personal-number';
import { isValidIban } from '../../src/fields/is-valid-iban';
import { hasValidLuhn } from '../../src/fields/luhn';

describe('hasValidLuhn', () => {
  it.each(['5567037485', '4111111111111111', '79927398713', '0'])('accepts %s', (digits) => {
    expect(hasValidLuhn(digits)).toBe(true);
  });
  it.each(['5567037484', '4111111111111112', '79927398710', ''])('refuses %j', (digits) => {
    expect(hasValidLuhn(digits)).toBe(false);
  });
});

describe('isPersonalNumber', () => {
  it('accepts a personal and a coordination number', () => {
    expect(isPersonalNumber('1212121212')).toBe(true);
    expect(isPersonalNumber('7010632391')).toBe(true);
  });
  it('checks 29 February against the century when it is known', () => {
    // 2000 was a leap year, 1900 was not; without the century either may be meant.
    expect(isPersonalNumber('0002290005')).toBe(true);
    expect(isPersonalNumber('0002290005', '20')).toBe(true);
    expect(isPersonalNumber('0002290005', '19')).toBe(false);
  });
  it.each(['1213121211', '1200001210', '1212321219', '121212121', 'abcdefghij'])(
    'refuses %s',
    (digits) => {
      expect(isPersonalNumber(digits)).toBe(false);
    },
  );
});

describe('isValidIban', () => {
  it('accepts a valid IBAN in any case', () => {
    expect(isValidIban('SE4550000000058398257466')).toBe(true);
    expect(isValidIban('se4550000000058398257466')).toBe(true);
  });
  it('refuses wrong check digits and wrong shapes', () => {
    expect(isValidIban('SE4650000000058398257466')).toBe(false);
    expect(isValidIban('SE45 5000 0000 0583 9825 7466')).toBe(false);
    expect(isValidIban('SE45')).toBe(false);
  });
});
