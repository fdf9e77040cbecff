import { describe, expect, it } from 'vitest';
import type { RedactionKind } from '../../src/config/config-schema';
import { redactMessage } from '../../src/fields/redact-message';
import { redactionTexts } from '../../src/i18n/redaction-texts';

const placeholders = redactionTexts.sv;
const all: RedactionKind[] = ['personnummer', 'card', 'iban'];
const defaults: RedactionKind[] = ['personnummer', 'card'];

describe('redactMessage', () => {
  it.each([
    ['121212-1212', 'Mitt personnummer är 121212-1212.', 'Mitt personnummer är [personnummer].'],
    ['without separator', 'pnr 1212121212 tack', 'pnr [personnummer] tack'],
    ['with century', 'pnr 19121212-1212', 'pnr [personnummer]'],
    ['with century and no separator', '191212121212', '[personnummer]'],
    ['with + (100 years or older)', 'farfar har 121212+1212', 'farfar har [personnummer]'],
    ['a samordningsnummer', 'Samordningsnummer 701063-2391', 'Samordningsnummer [personnummer]'],
  ])('redacts a personal identity number: %s', (_name, text, expected) => {
    expect(redactMessage(text, defaults, placeholders)).toEqual({
      text: expected,
      removed: ['personnummer'],
    });
  });

  it.each([
    ['4111 1111 1111 1111', '[kortnummer]'],
    ['Kort: 4111111111111111, utgång 12/26', 'Kort: [kortnummer], utgång 12/26'],
    ['5555-5555-5555-4444', '[kortnummer]'],
    ['amex 3782 822463 10005', 'amex [kortnummer]'],
    ['4111 1111 1111 1111 12', '[kortnummer] 12'],
  ])('redacts the card number in %j', (text, expected) => {
    expect(redactMessage(text, defaults, placeholders)).toEqual({
      text: expected,
      removed: ['card'],
    });
  });

  it.each([
    ['SE45 5000 0000 0583 9825 7466', '[kontonummer]'],
    ['till SE4550000000058398257466 tack', 'till [kontonummer] tack'],
    ['se45 5000 0000 0583 9825 7466 och mer', '[kontonummer] och mer'],
    ['GB82 WEST 1234 5698 7654 32', '[kontonummer]'],
    ['DE89 3704 0044 0532 0130 00', '[kontonummer]'],
  ])('redacts the IBAN in %j when asked to', (text, expected) => {
    expect(redactMessage(text, all, placeholders)).toEqual({ text: expected, removed: ['iban'] });
  });

  it('leaves an IBAN alone when IBANs are not chosen, and does not read its digits as a card', () => {
    const text = 'SE45 5000 0000 0583 9825 7466';
    expect(redactMessage(text, defaults, placeholders)).toEqual({ text, removed: [] });
  });

  it('redacts only the chosen kinds', () => {
    const text = '121212-1212 och 4111 1111 1111 1111';
    expect(redactMessage(text, ['card'], placeholders)).toEqual({
      text: '121212-1212 och [kortnummer]',
      removed: ['card'],
    });
    expect(redactMessage(text, [], placeholders)).toEqual({ text, removed: [] });
  });

  it('reports each removed kind once, in a fixed order', () => {
    const result = redactMessage(
      'SE45 5000 0000 0583 9825 7466, 4111 1111 1111 1111, 121212-1212, 701063-2391',
      all,
      placeholders,
    );
    expect(result.removed).toEqual(['personnummer', 'card', 'iban']);
    expect(result.text).toBe('[kontonummer], [kortnummer], [personnummer], [personnummer]');
  });

  it('uses the caller’s placeholders', () => {
    expect(redactMessage('4111 1111 1111 1111', defaults, redactionTexts.en).text).toBe(
      '[card number]',
    );
  });

  it.each([
    'Ordernummer 1234567890',
    'Order #1234567891 och 1234567892',
    'Vårt organisationsnummer är 556703-7485',
    'orgnr 5567037485 eller 165560160680',
    'Ring 070-123 45 67 eller 070-1234567',
    'Ring +46701234567 eller 0046 70 123 45 67',
    'Växel 08-123 456 78',
    'Mötet är 2024-01-15, kl 14.30',
    'Datum 20240115',
    'Fel personnummer 121212-1213',
    'Inget datum 121312-1211',
    'Kort med fel kontrollsiffra 4111 1111 1111 1112',
    'Kunde 1234 5678 9012 3452',
    'IBAN med fel kontrollsiffror SE46 5000 0000 0583 9825 7466',
    'Belopp 12 500 kr, 3 st',
  ])('leaves %j unchanged', (text) => {
    expect(redactMessage(text, all, placeholders)).toEqual({ text, removed: [] });
  });

  it('redacts fewer than 1 in 100 random ten-digit order numbers', () => {
    // A deterministic sample: the rate is a property of the rule (a real date,
    // about 7 %, times a Luhn pass, 10 %), not of chance.
    let seed = 20_260_101;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    let redacted = 0;
    const sample = 20_000;
    for (let index = 0; index < sample; index++) {
      let digits = String(1 + Math.floor(next() * 9));
      while (digits.length < 10) digits += Math.floor(next() * 10);
      if (redactMessage(`Order ${digits}`, all, placeholders).removed.length > 0) redacted++;
    }
    expect(redacted / sample).toBeGreaterThan(0);
    expect(redacted / sample).toBeLessThan(0.01);
  });
});
