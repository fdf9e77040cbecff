import { describe, expect, it } from 'vitest';
import { changedFields, parseCorrections } from '../../src/fields/parse-corrections';

const rules = {
  asked: ['name', 'email', 'phone', 'orgnr'] as const,
  sent: ['name', 'email', 'orgnr'] as const,
  allowPersonnummer: false,
};

describe('parseCorrections (the contact form’s rules for a correction)', () => {
  it('normalises each value as the form does', () => {
    expect(
      parseCorrections(
        { name: '  Åsa   Öberg ', email: ' Asa@Exempel.SE ', orgnr: '5567037485' },
        rules,
      ),
    ).toEqual({
      success: true,
      data: { name: 'Åsa Öberg', email: 'Asa@exempel.se', orgnr: '556703-7485' },
    });
  });

  it.each([
    ['a refused email', { email: 'asa@' }, 'email', 'email-invalid'],
    ['an empty name', { name: '  ' }, 'name', 'name-required'],
    ['a wrong check digit', { orgnr: '556703-7484' }, 'orgnr', 'orgnr-check-digit'],
    ['a personal identity number', { orgnr: '121212-1212' }, 'orgnr', 'orgnr-personnummer'],
    ['a field the visitor never sent', { phone: '070-123 45 67' }, 'phone', 'not-sent'],
    ['a key that is not a contact field', { city: 'Umeå' }, 'city', 'unknown-field'],
    ['a value that is not text', { email: 42 }, 'email', 'not-text'],
    ['a value far too long', { name: 'a'.repeat(501) }, 'name', 'too-long'],
  ])('refuses %s, naming the field and the reason', (_name, input, field, reason) => {
    expect(parseCorrections(input, rules)).toEqual({ success: false, error: { field, reason } });
  });

  it('refuses a field the site does not ask for, even one the visitor sent', () => {
    expect(
      parseCorrections({ orgnr: '556703-7485' }, { ...rules, asked: ['name', 'email'] }),
    ).toEqual({ success: false, error: { field: 'orgnr', reason: 'not-asked' } });
  });

  it('accepts any asked field when the sent fields are not known', () => {
    expect(parseCorrections({ phone: '070-123 45 67' }, { ...rules, sent: null })).toEqual({
      success: true,
      data: { phone: '+46701234567' },
    });
  });

  it.each([
    ['nothing', null, 'not-an-object'],
    ['a list', ['asa@exempel.se'], 'not-an-object'],
    ['a string', 'asa@exempel.se', 'not-an-object'],
    ['an empty object', {}, 'empty'],
  ])('refuses %s as a whole', (_name, input, reason) => {
    expect(parseCorrections(input, rules)).toEqual({
      success: false,
      error: { field: null, reason },
    });
  });

  it('reports the first refused field in the form’s order', () => {
    expect(parseCorrections({ orgnr: 'x', email: 'y' }, rules)).toMatchObject({
      error: { field: 'email' },
    });
  });
});

describe('changedFields', () => {
  it('keeps only the values that differ from what was sent', () => {
    expect(
      changedFields(
        { name: 'Åsa Öberg', email: 'asa@exempel.se' },
        { name: 'Åsa Öberg', email: 'asa.oberg@exempel.se' },
      ),
    ).toEqual({ email: 'asa.oberg@exempel.se' });
  });
});
