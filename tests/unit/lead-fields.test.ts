import { describe, expect, it } from 'vitest';
import { leadFields } from '../../src/protocol/lead';

describe('leadFields (the /leads wire shape)', () => {
  it('accepts values exactly as the field rules normalise them', () => {
    const fields = {
      name: 'Åsa Öberg',
      email: 'Anna.Ostrom+chat@exempel.se',
      phone: '+46701234567',
      orgnr: '556703-7485',
    };
    expect(leadFields.safeParse(fields)).toEqual({ success: true, data: fields });
  });

  it.each([
    ['an orgnr with a wrong check digit', { orgnr: '556703-7484' }],
    ['an orgnr with group digit 0', { orgnr: '056016-0681' }],
    ['a Swedish mobile number that is too short', { phone: '+4670123456' }],
    ['a phone number that is not E.164', { phone: '070-123 45 67' }],
    ['an email with an upper-case domain', { email: 'anna@Exempel.SE' }],
    ['a name with untrimmed spaces', { name: ' Åsa  Öberg' }],
    ['a name in NFD', { name: 'Åsa Öberg'.normalize('NFD') }],
  ])('refuses %s', (_name, fields) => {
    expect(leadFields.safeParse(fields).success).toBe(false);
  });

  it('accepts a sole trader’s personal number, which only the form may refuse', () => {
    expect(leadFields.safeParse({ orgnr: '121212-1212' }).success).toBe(true);
  });
});
