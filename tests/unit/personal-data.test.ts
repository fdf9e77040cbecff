import { describe, expect, it } from 'vitest';
import { findPersonalData, isPersonalParamName } from '../../src/protocol/personal-data';

describe('isPersonalParamName', () => {
  it.each([
    'email',
    'E-Mail',
    'e_mail',
    'mail',
    'user_email',
    'epost',
    'e-post',
    'E Post',
    'tel',
    'user-tel',
    'telNr',
    'telefon',
    'telefonnummer',
    'phone',
    'phoneNumber',
    'mobil',
    'Mobile',
    'pnr',
    'personnummer',
    'person_nummer',
    'samordningsnummer',
    'ssn',
    'password',
  ])('refuses %s', (name) => {
    expect(isPersonalParamName(name)).toBe(true);
  });

  it.each(['utm_source', 'utm_medium', 'utm_campaign', 'hotel', 'gclid', 'ref', 'lang', 'page'])(
    'keeps %s',
    (name) => {
      expect(isPersonalParamName(name)).toBe(false);
    },
  );
});

describe('findPersonalData', () => {
  it.each([
    ['811218-9876', 'personnummer'],
    ['198112189876', 'personnummer'],
    ['811218+9876', 'personnummer'],
    ['811278-9873', 'personnummer'],
    ['anna@example.se', 'email'],
    ['anna%40example.se', 'email'],
    ['anna%2540example.se', 'email'],
    ['anna%252540example.se', 'email'],
    ['4111 1111 1111 1111', 'card'],
    ['SE45 5000 0000 0583 9825 7466', 'iban'],
  ] as const)('finds %s as %s', (text, kind) => {
    expect(findPersonalData(text)).toBe(kind);
    expect(findPersonalData(text, { phone: true })).toBe(kind);
  });

  it('finds phone numbers only when asked (kept parameter values, not paths)', () => {
    for (const text of ['070-123 45 67', '+46701234567', 'ring 08-123 456 78']) {
      expect(findPersonalData(text, { phone: true }), text).toBe('phone');
      expect(findPersonalData(text), text).toBeNull();
    }
  });

  it('decodes at most three rounds', () => {
    expect(findPersonalData('anna%25252540example.se')).toBeNull();
  });

  it.each([
    'newsletter',
    'sommar-2026',
    '2026-06-01',
    '/blogg/2024/05/12/sommarens-nyheter',
    '811218-9875',
    'order 4711',
    '%E0%A4%A',
  ])('finds nothing in %s', (text) => {
    expect(findPersonalData(text, { phone: true })).toBeNull();
  });
});
